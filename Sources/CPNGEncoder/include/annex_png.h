#ifndef ANNEX_PNG_H
#define ANNEX_PNG_H
#include <stddef.h>
#include <stdint.h>

/// Encodes a Cairo image surface (native-endian 32-bit pixels: RGB24 with an unused byte, or premultiplied
/// ARGB32) as an 8-bit RGB or RGBA PNG: rows filtered Sub or Up (the smaller sum of absolute values), compressed
/// with libdeflate at `level` (1–12) in two bands of rows (images 64 rows tall or more) joined into one zlib
/// stream. With `threads` > 1 the second band is filtered and compressed on a helper thread; the bytes are the
/// same either way. On success returns 0 and sets *out (free it with annex_png_free) and *out_len.
/// Opaque images are filtered in place: `data` holds garbage afterwards. Thread-safe: compressors and scratch
/// buffers come from a small shared pool.
int annex_png_encode(uint8_t *data, int width, int height, int stride, int has_alpha, int level, int threads,
                     uint8_t **out, size_t *out_len);
void annex_png_free(uint8_t *buffer);

/// `length` bytes as a zlib stream (libdeflate at `level`), for PDF streams. Free *out with annex_png_free.
int annex_zlib_compress(const uint8_t *data, size_t length, int level, uint8_t **out, size_t *out_len);

/// `length` bytes as one zlib stream made of separately compressed segments, cut at the `ncuts` ascending
/// offsets `cuts`: the joining the PNG encoder does, for tests. Free *out with annex_png_free.
int annex_zlib_compress_segments(const uint8_t *data, size_t length, const size_t *cuts, int ncuts, int level,
                                 uint8_t **out, size_t *out_len);

/// Inflates a zlib stream (checking its Adler-32) into `out`; returns 0 on success. For tests.
int annex_zlib_decompress(const uint8_t *in, size_t length, uint8_t *out, size_t capacity, size_t *out_len);

#endif
