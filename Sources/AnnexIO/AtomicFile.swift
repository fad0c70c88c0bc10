import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be written.
public struct FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step of an atomic write that failed; its raw value completes "cannot …" in the message.
    public enum Step: String, Sendable {
        /// Making the temporary file beside the target (`mkstemp`): the folder is missing, read-only or full.
        case createTemporary = "create a temporary file"
        /// Writing the bytes into the temporary file: usually a full disk or a quota.
        case write
        /// Flushing the temporary file to the disk (`fsync`) before it is renamed.
        case sync
        /// Renaming the finished temporary file over the target.
        case rename
    }
    /// The file that was to be written, as the caller named it.
    public var path: String
    /// The step that failed.
    public var step: Step
    /// The `errno` of the failed system call (ENOSPC, EACCES, …), for callers that react to the cause.
    public var code: Int32
    /// The system's text for `code` (`strerror`), such as "No space left on device".
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
    /// itself renamed (and synced) once everything is written. With `durable: false` the file itself is not
    /// flushed to the disk before the rename either: for a staging folder whose whole file system the caller syncs
    /// once (`syncFileSystem(of:)`) before putting it in place, instead of a flush for every file.
    public static func write(_ bytes: [UInt8], to path: String, syncFolder: Bool = true, durable: Bool = true) throws(FileWriteError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(FileWriteError) in try write(buffer, to: path, syncFolder: syncFolder, durable: durable) }
        }
        try result.get()
    }

    /// Writes `data` to `path` atomically, as `write(_:to:syncFolder:)` writes bytes, syncing the folder after the
    /// rename.
    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        let result = data.withUnsafeBytes { buffer in
            Result { () throws(FileWriteError) in try write(buffer, to: path) }
        }
        try result.get()
    }

    /// Writes `text` to `path` atomically as UTF-8 (no byte order mark), as `write(_:to:syncFolder:)` writes bytes.
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Array(text.utf8), to: path)
    }

    static func write(_ buffer: UnsafeRawBufferPointer, to path: String, syncFolder: Bool = true, durable: Bool = true) throws(FileWriteError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        if syncFolder { removeLeftovers(of: name, in: dir) }
        var template = Array("\(dir)/\(temporaryPrefix(of: name))\(getpid())-XXXXXX".utf8CString)
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
        // mkstemp makes 0600 files: a file written over keeps its permissions, a new one gets what the user's
        // umask allows an ordinary document (0644 under the usual 022).
        var existing = stat()
        fchmod(fd, stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : newFileMode)
        guard !durable || fsync(fd) == 0 else { throw failure(path, .sync) }
        guard rename(tmp, path) == 0 else { throw failure(path, .rename) }
        ok = true
        if syncFolder { syncDirectory(dir) }
    }

    /// Temporary files of `name` are `.NAME.tmp-PID-XXXXXX`: the process that writes them is in the name.
    static func temporaryPrefix(of name: String) -> String { ".\(name).tmp-" }

    /// Removes the temporary files that a killed writer left beside `name`: those of a process that no longer
    /// runs (untouched for a minute), and those in the older form without a process id (`.NAME.tmp-XXXXXX`) more
    /// than an hour old.
    /// Another running writer's temporary file is left alone.
    public static func removeLeftovers(of name: String, in dir: String) {
        let prefix = temporaryPrefix(of: name)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            let path = (dir as NSString).appendingPathComponent(entry)
            let parts = rest.split(separator: "-", maxSplits: 1)
            if parts.count == 2, let pid = pid_t(parts[0]), parts[1].count == 6 {
                // Its writer is gone, and it has not been written to for a minute (a writer in another PID namespace,
                // sharing the folder, is invisible to kill(2) but keeps its file fresh).
                var st = stat()
                if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH, lstat(path, &st) == 0, time(nil) - st.st_mtim.tv_sec > 60 { unlink(path) }
            } else if rest.count == 6 {
                var st = stat()
                if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, time(nil) - st.st_mtim.tv_sec > 3600 { unlink(path) }
            }
        }
    }

    /// 0666 less the process's umask, read from /proc (reading it with umask() would change it for a moment,
    /// under other threads' feet); 0644 where /proc does not tell.
    public static let newFileMode: mode_t = {
        ProcessStatus.field("Umask").flatMap { mode_t($0, radix: 8) }.map { 0o666 & ~$0 } ?? 0o644
    }()

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

extension AtomicFile {
    private typealias SyncFS = @convention(c) (Int32) -> Int32
    /// glibc's syncfs, which Swift's Glibc module does not declare.
    private static let syncfs: SyncFS? = dlsym(nil, "syncfs").map { unsafeBitCast($0, to: SyncFS.self) }

    /// Writes every file of the file system holding `path` to disk (one `syncfs`, or `sync` without it): after
    /// writing thousands of files without syncing each, before they are put in place.
    public static func syncFileSystem(of path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        defer { if fd >= 0 { close(fd) } }
        if fd >= 0, let syncfs, syncfs(fd) == 0 { return }
        sync()
    }
}
