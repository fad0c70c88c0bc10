#ifndef ANNEX_PNG_H
#define ANNEX_PNG_H
#include <stddef.h>
#include <stdint.h>

/// Encodes a Cairo image surface (native-endian 32-bit pixels: RGB24 with an unused byte, or premultiplied
/// ARGB32) as PNG with libpng. `level` is the zlib level (0–9), `filters` a mask of PNG_FILTER_* values,
/// `strategy` a zlib strategy. On success returns 0 and sets *out (free it with annex_png_free) and *out_len.
/// libpng's longjmp error handling stays inside this C function.
int annex_png_encode(const uint8_t *data, int width, int height, int stride, int has_alpha,
                     int level, int filters, int strategy, uint8_t **out, size_t *out_len);
void annex_png_free(uint8_t *buffer);

#endif
