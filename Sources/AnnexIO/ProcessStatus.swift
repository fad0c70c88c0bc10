import Foundation

/// Fields of a process's /proc/PID/status (Linux): "Umask", "VmHWM" and the like.
public enum ProcessStatus {
    /// The value of a field ("0022", "45460 kB"), or nil where /proc does not tell.
    public static func field(_ name: String, of pid: String = "self") -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
        return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
    }

    /// A process's peak resident memory (VmHWM) in KiB.
    public static func peakResidentKiB(of pid: String = "self") -> Int? {
        field("VmHWM", of: pid)?.split(separator: " ").first.flatMap { Int($0) }
    }
}
