import CCairo
import Foundation

/// Decoded PNG pixels (through Cairo), for sampling colours.
struct DecodedPNG {
    var width: Int
    var height: Int
    var pixels: [UInt32]
    private var stride: Int

    init?(_ bytes: [UInt8]) {
        final class Reader { var bytes: [UInt8]; var offset = 0; init(_ b: [UInt8]) { bytes = b } }
        let reader = Reader(bytes)
        let surface = cairo_image_surface_create_from_png_stream({ closure, data, length in
            let r = Unmanaged<Reader>.fromOpaque(closure!).takeUnretainedValue()
            let n = Int(length)
            guard r.offset + n <= r.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            r.bytes.withUnsafeBufferPointer { src in
                data!.update(from: src.baseAddress! + r.offset, count: n)
            }
            r.offset += n
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(reader).toOpaque())
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return nil }
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let st = Int(cairo_image_surface_get_stride(surface)) / 4
        let base = cairo_image_surface_get_data(surface)!
        let px = base.withMemoryRebound(to: UInt32.self, capacity: st * h) {
            Array(UnsafeBufferPointer(start: $0, count: st * h))
        }
        width = w; height = h; stride = st; pixels = px
    }

    /// (r, g, b) at a pixel (premultiplied; the test scenes are opaque).
    func rgb(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
        let p = pixels[y * stride + x]
        return (UInt8((p >> 16) & 0xFF), UInt8((p >> 8) & 0xFF), UInt8(p & 0xFF))
    }
}

/// Runs a tool and returns (exit status, stdout, stderr).
@discardableResult
func runTool(_ tool: String, _ args: [String], stdin: [UInt8]? = nil) throws -> (Int32, String, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [tool] + args
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out; p.standardError = err
    if stdin != nil { p.standardInput = inp }
    try p.run()
    if let stdin { inp.fileHandleForWriting.write(Data(stdin)); try inp.fileHandleForWriting.close() }
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

func temporaryFolder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}
