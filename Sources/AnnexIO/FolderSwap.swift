import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts a finished folder in place of another in one atomic step: Linux's `renameat2(RENAME_EXCHANGE)` swaps
/// the two names at once, so a reader (or a kill at any moment) finds the old folder or the new one, never
/// none. Where the file system cannot exchange (EINVAL), the old folder is renamed aside first.
public enum FolderSwap {
    /// How `swap(new:into:aside:)` put the new folder in place.
    public enum Outcome: Sendable, Equatable {
        /// `new` now holds what was at `target`.
        case exchanged
        /// There was nothing at `target`: `new` was renamed to it.
        case placed
        /// The file system cannot exchange: what was at `target` was renamed to `aside`, then `new` to `target`.
        case movedAside
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc has had renameat2 since 2.28, but Swift's Glibc module does not declare it.
    private static let renameat2: Renameat2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: Renameat2.self) }
    private static let exchangeFlag: UInt32 = 2   // RENAME_EXCHANGE

    /// Swaps `new` into `target`. On failure `errno`'s text is thrown and both names are as they were.
    public static func swap(new: String, into target: String, aside: String) throws(FolderSwapError) -> Outcome {
        var st = stat()
        guard lstat(target, &st) == 0 else {
            guard errno == ENOENT else { throw FolderSwapError(path: target, reason: String(cString: strerror(errno))) }
            guard rename(new, target) == 0 else { throw FolderSwapError(path: target, reason: String(cString: strerror(errno))) }
            return .placed
        }
        if let exchange = renameat2 {
            if exchange(AT_FDCWD, new, AT_FDCWD, target, exchangeFlag) == 0 { return .exchanged }
            guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else {
                throw FolderSwapError(path: target, reason: String(cString: strerror(errno)))
            }
        }
        guard rename(target, aside) == 0 else { throw FolderSwapError(path: target, reason: String(cString: strerror(errno))) }
        guard rename(new, target) == 0 else {
            let why = String(cString: strerror(errno))
            _ = rename(aside, target)
            throw FolderSwapError(path: target, reason: why)
        }
        return .movedAside
    }

    /// The device and inode of a path (not following a final symbolic link), which a rename keeps.
    public static func identity(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return "\(st.st_dev):\(st.st_ino)"
    }
}

/// Why a finished folder could not be put in place of the previous one; both names are left as they were.
public struct FolderSwapError: Error, Sendable, CustomStringConvertible {
    /// The target folder that was to be replaced.
    public var path: String
    /// The system's text for the error of the failed rename (`strerror`).
    public var reason: String
    public var description: String { "\(path): cannot put the new annex in place: \(reason)" }
}
