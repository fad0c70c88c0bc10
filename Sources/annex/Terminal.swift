// What the commands write to standard error besides log lines: messages and the progress bar.

import Foundation

enum ProgressBar {
    /// "[#######       ] 12/40" on standard error, redrawn in place.
    @Sendable static func draw(_ done: Int, _ total: Int) {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total)"
        FileHandle.standardError.write(Data(bar.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

enum Stderr {
    static func print(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
