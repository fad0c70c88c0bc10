import AnnexIO
import CCairo

/// Why a scene could not be drawn or written.
public enum RenderError: Error, Sendable, CustomStringConvertible {
    /// Cairo reported a failure status during `operation`.
    case cairo(operation: String, status: Int, message: String)
    /// The scene cannot be drawn as given (non-finite or out-of-range geometry, bad size).
    case invalidScene(String)
    /// The drawn bytes could not be written.
    case write(FileWriteError)

    public var description: String {
        switch self {
        case .cairo(let op, let status, let message): "cairo failed to \(op): \(message) (status \(status))"
        case .invalidScene(let why): "invalid scene: \(why)"
        case .write(let e): e.description
        }
    }

    static func check(_ status: cairo_status_t, _ operation: String) throws(RenderError) {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: operation, status: Int(status.rawValue),
                         message: String(cString: cairo_status_to_string(status)))
        }
    }
}

extension RenderError {
    /// True when the bytes were drawn but could not be written.
    public var isWriteError: Bool { if case .write = self { return true } else { return false } }
}
