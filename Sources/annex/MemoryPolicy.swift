// How the `annex` process asks the C allocator to give memory back.

#if os(Linux)
/// glibc's `mallopt` (<malloc.h>, which the Glibc module does not import).
@_silgen_name("mallopt") private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

enum MemoryPolicy {
    /// glibc raises its mmap threshold (up to 32 MB) each time a large block is freed, so that the next image buffers
    /// come from the heap and stay there after they are freed: a default annex run with two jobs peaked at 152 MB
    /// instead of 98 MB (measured with `/usr/bin/time -f %M`). A fixed threshold of 128 KB puts every large buffer
    /// (a Cairo surface, a PNG's filtered rows) in its own mapping, returned when it is freed; the time is the same.
    static func apply() {
        #if os(Linux)
        let mmapThreshold: Int32 = -3   // M_MMAP_THRESHOLD
        _ = glibcMallopt(mmapThreshold, 128 * 1024)
        #endif
    }
}
