// Running a program and measuring it (the benchmarks' cold processes).

import AnnexIO
import ArgumentParser
import Foundation

/// Runs a program and waits for it, returning its exit status, wall time and its own peak resident memory.
/// The peak is the child's VmHWM (the high-water mark of its memory after exec), read from /proc while it runs:
/// wait4's ru_maxrss would not do, since Linux counts in it the resident size of the spawning process at the
/// spawn (a benchmark process grown to 80 MB made every child look at least that large).
enum ChildProcess {
    static func run(_ exe: String, _ args: [String]) throws -> (status: Int32, ms: Double, maxRSSKiB: Int) {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let rc = posix_spawn(&pid, exe, nil, nil, argv, environ)
        guard rc == 0 else { throw ValidationError("cannot start \(exe): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var peak = 0
        var ms = 0.0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6; break }
            if r < 0 {
                guard errno == EINTR else { throw ValidationError("cannot wait for \(exe): \(String(cString: strerror(errno)))") }
                continue
            }
            peak = max(peak, ProcessStatus.peakResidentKiB(of: String(pid)) ?? 0)
            usleep(1000)
        }
        let exited = (status & 0x7f) == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), ms, peak)
    }
}
