#ifndef ANNEX_PNG_H
#define ANNEX_PNG_H
#include <stddef.h>
#include <stdint.h>

/// Encodes a Cairo image surface (native-endian 32-bit pixels: RGB24 with an unused byte, or premultiplied
/// ARGB32) as an 8-bit RGB or RGBA PNG: rows filtered Sub or Up (the smaller sum of absolute values), compressed
/// with libdeflate at `level` (1–12). On success returns 0 and sets *out (free it with annex_png_free) and *out_len.
/// Opaque images are filtered in place: `data` holds garbage afterwards. Thread-safe: compressors and scratch buffers come from a small shared pool.
int annex_png_encode(uint8_t *data, int width, int height, int stride, int has_alpha, int level,
                     uint8_t **out, size_t *out_len);
void annex_png_free(uint8_t *buffer);

/// `length` bytes as a zlib stream (libdeflate at `level`), for PDF streams. Free *out with annex_png_free.
int annex_zlib_compress(const uint8_t *data, size_t length, int level, uint8_t **out, size_t *out_len);

#endif
