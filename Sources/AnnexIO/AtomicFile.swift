import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be written.
public struct FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Step: String, Sendable { case createTemporary = "create a temporary file", write, sync, rename }
    public var path: String
    public var step: Step
    public var code: Int32
    public var reason: String

    public var description: String {
        "\(path): cannot \(step.rawValue): \(reason)"
    }
}

/// The one place Annex writes files: everything goes to a temporary file in the target folder and is
/// renamed over the target only when complete, so a reader sees the old file or the new one, never a part.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically. On failure no temporary file is left and an existing file at
    /// `path` is untouched.
    /// With `syncFolder: false` the folder is not synced after the rename: for files staged in a folder that is
    /// itself renamed (and synced) once everything is written.
    public static func write(_ bytes: [UInt8], to path: String, syncFolder: Bool = true) throws(FileWriteError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(FileWriteError) in try write(buffer, to: path, syncFolder: syncFolder) }
        }
        try result.get()
    }

    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        let result = data.withUnsafeBytes { buffer in
            Result { () throws(FileWriteError) in try write(buffer, to: path) }
        }
        try result.get()
    }

    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Array(text.utf8), to: path)
    }

    static func write(_ buffer: UnsafeRawBufferPointer, to path: String, syncFolder: Bool = true) throws(FileWriteError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var template = Array("\(dir)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure(path, .createTemporary) }
        let tmp = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            if fd >= 0 { close(fd) }
            if !ok { unlink(tmp) }
        }
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, .write)
            }
            offset += n
        }
        // mkstemp makes 0600 files; a written output is an ordinary document.
        fchmod(fd, 0o644)
        guard fsync(fd) == 0 else { throw failure(path, .sync) }
        guard rename(tmp, path) == 0 else { throw failure(path, .rename) }
        ok = true
        if syncFolder { syncDirectory(dir) }
    }

    /// Makes renames in a folder durable.
    public static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    static func failure(_ path: String, _ step: FileWriteError.Step) -> FileWriteError {
        let code = errno
        return FileWriteError(path: path, step: step, code: code, reason: String(cString: strerror(code)))
    }
}
