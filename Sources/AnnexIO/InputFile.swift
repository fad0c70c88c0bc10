import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why an input file could not be read, in words for the "found" half of a located error.
public struct InputFileProblem: Error, Sendable, Equatable {
    /// What was found instead of a readable regular file ("no such file", "a folder", "a FIFO (named pipe), not a
    /// regular file", …), to follow "found" in a message.
    public var found: String
}

/// The one place Annex reads a whole input file (datasets, specs, boundaries). Only regular files are read:
/// a folder, a FIFO, a device such as /dev/zero or a socket is refused with what it is, never read (or waited
/// on) forever; a missing file says so, an unreadable one says why.
public enum InputFile {
    /// The largest input read: 1 GiB.
    public static let maxBytes = 1 << 30

    /// Reads the whole regular file at `path`, up to `limit` bytes, without blocking on FIFOs or devices. Returns its
    /// bytes, or the problem in words: missing, not a regular file, too large, or unreadable and why.
    public static func read(_ path: String, limit: Int = InputFile.maxBytes) -> Result<Data, InputFileProblem> {
        // O_NONBLOCK: opening a FIFO without a writer would otherwise wait for one.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(problem(errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(problem(errno)) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(InputFileProblem(found: "a folder"))
        case S_IFIFO: return .failure(InputFileProblem(found: "a FIFO (named pipe), not a regular file"))
        case S_IFCHR, S_IFBLK: return .failure(InputFileProblem(found: "a device, not a regular file"))
        case S_IFSOCK: return .failure(InputFileProblem(found: "a socket, not a regular file"))
        default: return .failure(InputFileProblem(found: "not a regular file"))
        }
        let size = Int(st.st_size)
        guard size <= limit else {
            return .failure(InputFileProblem(found: "a file of \(size) bytes (the limit is \(limit) bytes)"))
        }
        var data = Data(count: size)
        var offset = 0
        let failed: Int32? = data.withUnsafeMutableBytes { buf -> Int32? in
            while offset < size {
                let n = Glibc.read(fd, buf.baseAddress! + offset, size - offset)
                if n < 0 { if errno == EINTR || errno == EAGAIN { continue }; return errno }
                if n == 0 { break }   // the file shrank while being read
                offset += n
            }
            return nil
        }
        if let failed { return .failure(problem(failed)) }
        if offset < size { data.removeSubrange(offset...) }
        return .success(data)
    }

    static func problem(_ code: Int32) -> InputFileProblem {
        switch code {
        case ENOENT: InputFileProblem(found: "no such file")
        case EACCES, EPERM: InputFileProblem(found: "a file this user may not read (permission denied)")
        case ENOTDIR: InputFileProblem(found: "no such file (a part of the path is not a folder)")
        case ELOOP: InputFileProblem(found: "a loop of symbolic links")
        default: InputFileProblem(found: String(cString: strerror(code)))
        }
    }
}

extension Result where Failure == InputFileProblem {
    /// What was found instead of a readable file, or nil when it was read.
    public var failureText: String? {
        if case .failure(let p) = self { return p.found }
        return nil
    }
}
