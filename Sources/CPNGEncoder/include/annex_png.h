#ifndef ANNEX_PNG_H
#define ANNEX_PNG_H
#include <stddef.h>
#include <stdint.h>

/// Encodes a Cairo image surface (native-endian 32-bit pixels: RGB24 with an unused byte, or premultiplied
/// ARGB32) as an 8-bit RGB or RGBA PNG: rows filtered Sub or Up (the smaller sum of absolute values), compressed
/// with libdeflate at `level` (1–12) in two bands of rows (images 64 rows tall or more) joined into one zlib
/// stream, on the calling thread (the steps below share the bands between two threads; the same bytes). On
/// success returns 0 and sets *out (free it with annex_png_free) and *out_len.
/// Opaque images are filtered in place: `data` holds garbage afterwards. Thread-safe: compressors and scratch
/// buffers come from a small shared pool.
int annex_png_encode(uint8_t *data, int width, int height, int stride, int has_alpha, int level,
                     uint8_t **out, size_t *out_len);
void annex_png_free(uint8_t *buffer);

/// The same in steps, for a caller that draws the image in the two bands and encodes each band as soon as it is
/// drawn, on its own thread. annex_png_begin (NULL on error) fixes the bands (rows from annex_png_band_top);
/// once the first band is drawn, annex_png_take_boundary reads the row above the second band, and must come
/// before annex_png_encode_band(job, 0); annex_png_encode_band(job, 1) may run once the second band is drawn and
/// the boundary taken, at the same time as band 0. annex_png_finish joins them (and frees the job), as does
/// annex_png_abandon without output. The bytes are those of annex_png_encode.
typedef struct annex_png_job annex_png_job;
/// The first row of the second band of an image this tall (0: one band).
int annex_png_split_row(int height);
annex_png_job *annex_png_begin(uint8_t *data, int width, int height, int stride, int has_alpha, int level);
int annex_png_bands(const annex_png_job *job);
int annex_png_band_top(const annex_png_job *job, int band);
void annex_png_take_boundary(annex_png_job *job);
void annex_png_encode_band(annex_png_job *job, int band);
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
