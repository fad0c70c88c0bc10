import AnnexScene

/// Checks a scene before drawing, so that bad geometry is a clear error, not a blank or broken file.
enum SceneValidator {
    static func validate(_ scene: Scene, format: OutputFormat, options: RenderOptions) throws(RenderError) {
        guard scene.width.isFinite, scene.height.isFinite, scene.width >= 1, scene.height >= 1 else {
            throw .invalidScene("canvas size must be at least 1×1 px, found \(scene.width)×\(scene.height)")
        }
        if format == .png {
            guard options.scale.isFinite, options.scale > 0 else {
                throw .invalidScene("PNG scale must be a positive number, found \(options.scale)")
            }
            let side = max(scene.width, scene.height) * options.scale
            guard side <= Renderer.maxImageSide else {
                throw .invalidScene("PNG would be \(Int(side)) px on its longest side; the limit is \(Int(Renderer.maxImageSide))")
            }
        }
        try check(scene.marks, path: "")
    }

    private static func check(_ marks: [Mark], path: String) throws(RenderError) {
        for (i, m) in marks.enumerated() {
            let here = path + "/" + (m.id ?? "#\(i)")
            switch m {
            case .rect(let r):
                try finite([r.rect.x, r.rect.y, r.rect.width, r.rect.height, r.stroke?.width ?? 0], here, "rectangle")
            case .path(let p):
                var nums: [Double] = [p.stroke?.width ?? 0]
                for e in p.elements {
                    switch e {
                    case .move(let a), .line(let a): nums += [a.x, a.y]
                    case .curve(let a, let b, let c): nums += [a.x, a.y, b.x, b.y, c.x, c.y]
                    case .close: break
                    }
                }
                try finite(nums + (p.stroke?.dash ?? []), here, "path")
            case .text(let t):
                try finite([t.position.x, t.position.y, t.rotation, t.font.size, t.maxWidth ?? 0], here, "text")
                guard t.font.size > 0 else { throw .invalidScene("\(here): text size must be positive, found \(t.font.size)") }
            case .group(let g):
                let tr = g.transform
                try finite([tr.a, tr.b, tr.c, tr.d, tr.tx, tr.ty, g.opacity], here, "group transform")
                guard tr.a * tr.d - tr.b * tr.c != 0 else { throw .invalidScene("\(here): group transform is not invertible") }
                try check(g.children, path: here)
            }
        }
    }

    private static func finite(_ values: [Double], _ where_: String, _ what: String) throws(RenderError) {
        if let bad = values.first(where: { !$0.isFinite }) {
            throw .invalidScene("\(where_): \(what) has a non-finite number (\(bad))")
        }
    }
}
