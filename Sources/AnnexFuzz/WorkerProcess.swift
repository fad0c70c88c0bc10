// Owns the driver's handle on one worker child: spawning it (the same executable, `worker` subcommand) with a
// pipe on file descriptor 3 and its output in a log file, reading its lines with a timeout, killing and
// reaping it, and describing how it ended.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A running worker process and the read end of its pipe.
final class WorkerProcess {
    let pid: pid_t
    private let readFD: Int32
    private var buffer: [UInt8] = []
    private var eof = false

    /// Starts `executable` with `arguments`, the pipe's write end as fd 3 and stdout and stderr appended to `log`.
    init(executable: String, arguments: [String], log: String) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw FuzzError.io("cannot make a pipe: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The read end is closed first: it may be fd 3 itself, which the write end is about to take.
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_adddup2(&actions, fds[1], 3)
        let env = ProcessInfo.processInfo.environment.filter { $0.key != "SWIFT_BACKTRACE" }.map { "\($0.key)=\($0.value)" }
            + ["SWIFT_BACKTRACE=enable=yes,interactive=no,color=no,symbolicate=fast,output-to=stderr"]
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, nil, argv, envp)
        close(fds[1])
        guard rc == 0 else { close(fds[0]); throw FuzzError.io("cannot start \(executable): \(String(cString: strerror(rc)))") }
        pid = child
        readFD = fds[0]
    }

    deinit { close(readFD) }

    /// The next line from the worker: nil on end of file (it died or exited), "" when `seconds` passed first.
    func readLine(timeout seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let nl = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                return line
            }
            if eof { return nil }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return "" }
            var p = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
            let r = poll(&p, 1, Int32(min(left * 1000, 1000).rounded(.up)))
            if r < 0 && errno != EINTR { eof = true; continue }
            guard r > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { read(readFD, $0.baseAddress, 4096) }
            if n <= 0 { if n < 0 && errno == EINTR { continue }; eof = true } else { buffer += chunk[..<n] }
        }
    }

    /// Kills the worker (SIGKILL) and reaps it.
    func kill() -> String {
        _ = Glibc.kill(pid, SIGKILL)
        return wait()
    }

    /// Waits for the worker to end; "signal 11 (SIGSEGV)" or "exit 1".
    func wait() -> String {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        if signal == 0 { return "exit \((status >> 8) & 0xff)" }
        return "signal \(signal) (\(WorkerProcess.signalName(signal)))"
    }

    static func signalName(_ s: Int32) -> String {
        [4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 11: "SIGSEGV", 15: "SIGTERM"][s] ?? "SIG\(s)"
    }
}
