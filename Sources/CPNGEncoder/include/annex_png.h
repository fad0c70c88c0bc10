#ifndef ANNEX_PNG_H
#define ANNEX_PNG_H
#include <stddef.h>
#include <stdint.h>

/// Encodes a Cairo image surface (native-endian 32-bit pixels: RGB24 with an unused byte, or premultiplied
/// ARGB32) as an 8-bit RGB or RGBA PNG: rows filtered Sub or Up (the smaller sum of absolute values), compressed
/// with libdeflate at `level` (1–12) in strips of rows (annex_png_strip_rows) joined into one zlib stream, on the
/// calling thread. On success returns 0 and sets *out (free it with annex_png_free) and *out_len.
/// Opaque images are filtered in place: `data` holds garbage afterwards. Thread-safe: compressors and scratch
/// buffers come from a small shared pool.
int annex_png_encode(uint8_t *data, int width, int height, int stride, int has_alpha, int level,
                     uint8_t **out, size_t *out_len);
void annex_png_free(uint8_t *buffer);

/// The rows of each strip of an image this tall with rows of `stride` bytes (the last strip may have fewer):
/// about 2 MiB of pixels a strip, an even number of strips, one strip under 64 rows. Each strip is one segment
/// of the compressed stream, so the bytes depend on the strips alone, never on how the image was drawn.
int annex_png_strip_rows(int height, int stride);

/// The same in steps. annex_png_begin (NULL on error) with the whole image's pixels (`data`): the strips fall in
/// two bands (rows from annex_png_band_top); once the first band is drawn, annex_png_take_boundary reads the row
/// above the second band and must come before annex_png_encode_band(job, 0); annex_png_encode_band(job, 1) may
/// run once the second band is drawn and the boundary taken, at the same time as band 0.
/// With `data` NULL, the strip mode: the caller draws each strip in turn on a surface of its own (reused) and
/// gives it to annex_png_encode_strip (`top`: its first row, `rows`: annex_png_strip_rows of them or the rest;
/// returns 0, or an error for a strip out of turn). annex_png_finish joins the strips (and frees the job), as
/// annex_png_abandon does without output. The bytes are those of annex_png_encode.
typedef struct annex_png_job annex_png_job;
annex_png_job *annex_png_begin(uint8_t *data, int width, int height, int stride, int has_alpha, int level);
int annex_png_bands(const annex_png_job *job);
int annex_png_band_top(const annex_png_job *job, int band);
void annex_png_take_boundary(annex_png_job *job);
void annex_png_encode_band(annex_png_job *job, int band);
int annex_png_encode_strip(annex_png_job *job, int top, uint8_t *data, int stride, int rows);
int annex_png_finish(annex_png_job *job, uint8_t **out, size_t *out_len);
void annex_png_abandon(annex_png_job *job);

/// `length` bytes as a zlib stream (libdeflate at `level`), for PDF streams. Free *out with annex_png_free.
int annex_zlib_compress(const uint8_t *data, size_t length, int level, uint8_t **out, size_t *out_len);

/// `length` bytes as one zlib stream made of separately compressed segments, cut at the `ncuts` ascending
/// offsets `cuts`: the joining the PNG encoder does, for tests. Free *out with annex_png_free.
int annex_zlib_compress_segments(const uint8_t *data, size_t length, const size_t *cuts, int ncuts, int level,
                                 uint8_t **out, size_t *out_len);

/// Inflates a zlib stream (checking its Adler-32) into `out`; returns 0 on success. For tests.
int annex_zlib_decompress(const uint8_t *in, size_t length, uint8_t *out, size_t capacity, size_t *out_len);

#endif
