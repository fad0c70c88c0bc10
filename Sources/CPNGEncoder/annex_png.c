#include "annex_png.h"
#include "deflate_walk.h"
#include <libdeflate.h>
#include <zlib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* PNG from a Cairo image surface: rows converted to RGB (or un-premultiplied RGBA), each filtered with Sub
 * or Up, whichever gives the smaller sum of absolute values (libpng's heuristic restricted to the two
 * cheap filters), compressed by libdeflate in two bands (on two threads when allowed) joined into one zlib
 * stream, written as one IDAT chunk. No clock, no text chunks: the same pixels give the same bytes. */

/* Compressors and scratch buffers, kept between images in a small pool shared by all threads: allocating
 * them costs more than compressing a chart (page faults on fresh memory), and a pool, unlike per-thread
 * caches, holds no more of them than images are encoded at once, whichever threads a run happens to use. */
typedef struct {
    struct libdeflate_compressor *c; int level;
    uint8_t *filtered; size_t filtered_cap;   /* images with alpha only */
    uint8_t *rows; size_t rows_cap;           /* four rows */
    uint8_t *packed; size_t packed_cap;       /* compressed bytes: allocated at the bound, only the output touched */
} slot_t;

#define POOL_MAX 8
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static slot_t *pool[POOL_MAX];
static int pool_count = 0;

static void slot_free(slot_t *s) {
    if (s) { if (s->c) libdeflate_free_compressor(s->c); free(s->filtered); free(s->rows); free(s->packed); free(s); }
}

static slot_t *acquire_slot(int level) {
    slot_t *s = NULL;
    pthread_mutex_lock(&pool_lock);
    if (pool_count > 0) s = pool[--pool_count];
    pthread_mutex_unlock(&pool_lock);
    if (!s && !(s = calloc(1, sizeof *s))) return NULL;
    if (!s->c || s->level != level) {
        if (s->c) libdeflate_free_compressor(s->c);
        s->c = libdeflate_alloc_compressor(level);
        s->level = level;
        if (!s->c) { slot_free(s); return NULL; }
    }
    return s;
}

static void release_slot(slot_t *s) {
    pthread_mutex_lock(&pool_lock);
    if (pool_count < POOL_MAX) { pool[pool_count++] = s; s = NULL; }
    pthread_mutex_unlock(&pool_lock);
    slot_free(s);
}

static int reserve(uint8_t **buf, size_t *cap, size_t need) {
    if (*cap >= need) return 1;
    uint8_t *b = realloc(*buf, need);
    if (!b) return 0;
    *buf = b; *cap = need;
    return 1;
}

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

static void chunk_crc(uint8_t *chunk, uint32_t len) { /* chunk points at the length field */
    put32(chunk + 8 + len, libdeflate_crc32(0, chunk + 4, len + 4));
}

/* Cairo's native-endian 32-bit pixels (x8r8g8b8) to packed RGB bytes. */
static void to_rgb_scalar(const uint32_t *px, uint8_t *o, int width) {
    for (int x = 0; x < width; x++) {
        uint32_t p = px[x];
        o[0] = (uint8_t)(p >> 16); o[1] = (uint8_t)(p >> 8); o[2] = (uint8_t)p; o += 3;
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
/* The same with one byte shuffle per four pixels, where the processor has SSSE3 (chosen at run time). */
__attribute__((target("ssse3")))
static void to_rgb_ssse3(const uint32_t *px, uint8_t *o, int width) {
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    int x = 0;
    /* Each store writes 16 bytes of which 12 are kept: stop while 4 spare bytes remain in the row. */
    for (; x + 6 <= width; x += 4) {
        __m128i v = _mm_loadu_si128((const __m128i *)(px + x));
        _mm_storeu_si128((__m128i *)(o + 3 * x), _mm_shuffle_epi8(v, order));
    }
    to_rgb_scalar(px + x, o + 3 * x, width - x);
}
static void to_rgb(const uint32_t *px, uint8_t *o, int width) {
    static int has_ssse3 = -1;
    if (has_ssse3 < 0) has_ssse3 = __builtin_cpu_supports("ssse3") ? 1 : 0;
    if (has_ssse3) to_rgb_ssse3(px, o, width); else to_rgb_scalar(px, o, width);
}
#else
static void to_rgb(const uint32_t *px, uint8_t *o, int width) { to_rgb_scalar(px, o, width); }
#endif

/* Sum of |x| over bytes read as signed: the filter heuristic. Written so that compilers vectorise it. */
static uint32_t sum_abs(const uint8_t *v, size_t n) {
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++) { int8_t x = (int8_t)v[i]; s += (uint32_t)(x < 0 ? -x : x); }
    return s;
}

/* ---- deflate in independent segments, joined into one zlib stream ----
 *
 * libdeflate compresses a whole buffer in one call and always ends with a final block, so two halves of an
 * image can be compressed at once on two threads but not simply concatenated. They are joined as zlib's
 * gzjoin joins streams: the final-block bit of every segment but the last is cleared (its position found by
 * annex_deflate_find_final_block), and an empty stored block brings the stream back to a byte boundary where
 * the next segment begins. The Adler-32 of the whole is combined from the segments' (zlib's
 * adler32_combine). The segments are fixed by the data alone, never by the number of threads, so the bytes are
 * the same on one thread or two. */

typedef struct {
    slot_t *slot;
    const uint8_t *in; size_t len;      /* the segment's uncompressed bytes */
    int last;                           /* the stream's last segment keeps its final block final */
    size_t zlen;                        /* compressed bytes in slot->packed */
    uint32_t adler;
    size_t final_bit, end_bit;
    int rc;
} segment_t;

static void compress_segment(segment_t *g) {
    slot_t *s = g->slot;
    size_t bound = libdeflate_deflate_compress_bound(s->c, g->len);
    if (!reserve(&s->packed, &s->packed_cap, bound)) { g->rc = 1; return; }
    g->zlen = libdeflate_deflate_compress(s->c, g->in, g->len, s->packed, bound);
    if (g->zlen == 0) { g->rc = 2; return; }
    g->adler = libdeflate_adler32(1, g->in, g->len);
    if (!g->last && (!annex_deflate_find_final_block(s->packed, g->zlen, &g->final_bit, &g->end_bit)
                     || (g->end_bit + 7) / 8 != g->zlen)) g->rc = 3;
}

/* Bytes appended after a segment made non-final: an empty stored block (header, padding, LEN 0, NLEN 0xffff)
 * when the segment does not end on a byte boundary. */
static size_t join_padding(const segment_t *g) {
    if (g->last) return 0;
    unsigned unused = (unsigned)((8 - g->end_bit % 8) % 8);
    return unused == 0 ? 0 : (unused < 3 ? 1 : 0) + 4;
}

static size_t zlib_length(const segment_t *g, int n) {
    size_t total = 2 + 4;
    for (int i = 0; i < n; i++) total += g[i].zlen + join_padding(&g[i]);
    return total;
}

/* Writes the zlib stream (header, joined segments, Adler-32) at out; zlib_length(g, n) bytes. */
static void write_zlib(const segment_t *g, int n, int level, uint8_t *out) {
    /* The header libdeflate writes: deflate with a 32 KiB window, the level class, the check bits. */
    unsigned cmf = 0x78, flevel = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3, flg = flevel << 6;
    flg |= 31 - ((cmf << 8 | flg) % 31);
    *out++ = (uint8_t)cmf; *out++ = (uint8_t)flg;
    uLong adler = 1;
    for (int i = 0; i < n; i++) {
        memcpy(out, g[i].slot->packed, g[i].zlen);
        if (!g[i].last) {
            out[g[i].final_bit / 8] &= (uint8_t)~(1u << (g[i].final_bit % 8));
            unsigned unused = (unsigned)((8 - g[i].end_bit % 8) % 8);
            out += g[i].zlen;
            if (unused) {
                out[-1] &= (uint8_t)((1u << (8 - unused)) - 1);  /* the stored block's header bits are zeros */
                if (unused < 3) *out++ = 0;
                *out++ = 0; *out++ = 0; *out++ = 0xff; *out++ = 0xff;
            }
        } else {
            out += g[i].zlen;
        }
        adler = i == 0 ? g[i].adler : adler32_combine(adler, g[i].adler, (z_off_t)g[i].len);
    }
    put32(out, (uint32_t)adler);
}

/* ---- PNG ---- */

/* One horizontal band of the image, filtered and compressed as one segment. */
typedef struct {
    segment_t seg;
    uint8_t *data; int width, stride, has_alpha, y0, y1;
} band_t;

static void convert_row(const uint32_t *px, uint8_t *o, int width, int has_alpha) {
    if (!has_alpha) { to_rgb(px, o, width); return; }
    for (int x = 0; x < width; x++) {
        uint32_t p = px[x];
        uint8_t a = (uint8_t)(p >> 24), r = (uint8_t)(p >> 16), g = (uint8_t)(p >> 8), b = (uint8_t)p;
        if (a != 0 && a != 255) {   /* un-premultiply, rounding as Cairo's own writer does */
            r = (uint8_t)((r * 255 + a / 2) / a); g = (uint8_t)((g * 255 + a / 2) / a); b = (uint8_t)((b * 255 + a / 2) / a);
        }
        o[0] = r; o[1] = g; o[2] = b; o[3] = a; o += 4;
    }
}

/* Reserves the band's buffers. */
static int prepare_band(band_t *b) {
    slot_t *slot = b->seg.slot;
    const size_t bpp = b->has_alpha ? 4 : 3, rowlen = (size_t)b->width * bpp;
    const size_t flen = (size_t)(b->y1 - b->y0) * (rowlen + 1);
    const int in_place = rowlen + 1 <= (size_t)b->stride;
    if (!in_place && !reserve(&slot->filtered, &slot->filtered_cap, flen)) return 1;
    if (!reserve(&slot->rows, &slot->rows_cap, rowlen * 3)) return 1;   /* previous, current, Up */
    b->seg.in = in_place ? b->data + (size_t)b->y0 * (size_t)b->stride : slot->filtered;
    b->seg.len = flen;
    return 0;
}

/* Filters the band's rows, then compresses them. */
static void run_band(band_t *b) {
    slot_t *slot = b->seg.slot;
    const size_t bpp = b->has_alpha ? 4 : 3, rowlen = (size_t)b->width * bpp;
    /* Opaque images are filtered in place, over the band's own pixels: a filtered row (1 + 3w bytes) ends
     * before the next unread row (at 4w bytes a row) begins, so no scratch image is needed. Rows with alpha
     * (1 + 4w bytes) would overrun: they go to a scratch buffer. */
    uint8_t *filtered = (uint8_t *)b->seg.in, *rows = slot->rows;
    uint8_t *prev = rows, *cur = rows + rowlen, *up = rows + 2 * rowlen;
    if (b->y0 == 0) memset(prev, 0, rowlen);
    for (int y = b->y0; y < b->y1; y++) {
        convert_row((const uint32_t *)(b->data + (size_t)y * (size_t)b->stride), cur, b->width, b->has_alpha);
        /* Row y is in `cur` now: its pixels in the surface may be overwritten. */
        uint8_t *f = filtered + (size_t)(y - b->y0) * (rowlen + 1);
        if (y > 0 && memcmp(cur, prev, rowlen) == 0) {
            /* The same row again (most of a chart's background): Up makes it all zeros. */
            f[0] = 2; memset(f + 1, 0, rowlen);
        } else {
            /* Sub straight into the output; Up beside it, copied over only when it sums smaller. */
            uint8_t *fs = f + 1;
            for (size_t i = 0; i < bpp; i++) fs[i] = cur[i];
            for (size_t i = bpp; i < rowlen; i++) fs[i] = (uint8_t)(cur[i] - cur[i - bpp]);
            f[0] = 1;
            if (y > 0) {
                for (size_t i = 0; i < rowlen; i++) up[i] = (uint8_t)(cur[i] - prev[i]);
                if (sum_abs(up, rowlen) <= sum_abs(fs, rowlen)) { f[0] = 2; memcpy(fs, up, rowlen); }
            }
        }
        uint8_t *t = prev; prev = cur; cur = t;
    }
    compress_segment(&b->seg);
}

/* Images this tall or more are compressed as two bands (which a caller may encode on two threads); smaller
 * ones in one. */
#define SPLIT_MIN_ROWS 64

struct annex_png_job {
    int n, width, height, has_alpha, level, rc;
    band_t bands[2];
};

int annex_png_split_row(int height) { return height >= SPLIT_MIN_ROWS ? height / 2 : 0; }

annex_png_job *annex_png_begin(uint8_t *data, int width, int height, int stride, int has_alpha, int level) {
    if (width <= 0 || height <= 0 || stride < 4 * width) return NULL;
    annex_png_job *job = calloc(1, sizeof *job);
    if (!job) return NULL;
    const int split = annex_png_split_row(height);
    job->n = split > 0 ? 2 : 1;
    job->width = width; job->height = height; job->has_alpha = has_alpha; job->level = level;
    for (int i = 0; i < job->n && job->rc == 0; i++) {
        band_t *b = &job->bands[i];
        b->data = data; b->width = width; b->stride = stride; b->has_alpha = has_alpha;
        b->y0 = i == 0 ? 0 : split; b->y1 = i == job->n - 1 ? height : split;
        b->seg.last = i == job->n - 1;
        if (!(b->seg.slot = acquire_slot(level))) job->rc = 1;
        else job->rc = prepare_band(b);
    }
    if (job->rc) { annex_png_abandon(job); return NULL; }
    return job;
}

int annex_png_bands(const annex_png_job *job) { return job->n; }
int annex_png_band_top(const annex_png_job *job, int band) { return job->bands[band].y0; }

void annex_png_take_boundary(annex_png_job *job) {
    if (job->n < 2) return;
    band_t *b = &job->bands[1];
    convert_row((const uint32_t *)(b->data + (size_t)(b->y0 - 1) * (size_t)b->stride), b->seg.slot->rows, b->width, b->has_alpha);
}

void annex_png_encode_band(annex_png_job *job, int band) { run_band(&job->bands[band]); }

void annex_png_abandon(annex_png_job *job) {
    if (!job) return;
    for (int i = 0; i < job->n; i++) if (job->bands[i].seg.slot) release_slot(job->bands[i].seg.slot);
    free(job);
}

int annex_png_finish(annex_png_job *job, uint8_t **out, size_t *out_len) {
    int rc = job->rc, n = job->n;
    segment_t segs[2];
    for (int i = 0; i < n; i++) { segs[i] = job->bands[i].seg; if (segs[i].rc && !rc) rc = segs[i].rc; }
    if (rc == 0) {
        size_t zlen = zlib_length(segs, n);
        uint8_t *png = zlen > 0x7fffffff ? NULL : malloc(8 + 25 + 12 + zlen + 12);
        if (!png) rc = zlen > 0x7fffffff ? 2 : 1;
        else {
            uint8_t *ihdr = png + 8, *idat = ihdr + 25;
            write_zlib(segs, n, job->level, idat + 8);
            static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
            memcpy(png, signature, 8);
            put32(ihdr, 13); memcpy(ihdr + 4, "IHDR", 4);
            put32(ihdr + 8, (uint32_t)job->width); put32(ihdr + 12, (uint32_t)job->height);
            ihdr[16] = 8; ihdr[17] = job->has_alpha ? 6 : 2; ihdr[18] = 0; ihdr[19] = 0; ihdr[20] = 0;
            chunk_crc(ihdr, 13);
            put32(idat, (uint32_t)zlen); memcpy(idat + 4, "IDAT", 4);
            chunk_crc(idat, (uint32_t)zlen);
            uint8_t *iend = idat + 12 + zlen;
            put32(iend, 0); memcpy(iend + 4, "IEND", 4);
            chunk_crc(iend, 0);
            *out = png;
            *out_len = (size_t)(iend + 12 - png);
        }
    }
    annex_png_abandon(job);
    return rc;
}

int annex_png_encode(uint8_t *data, int width, int height, int stride, int has_alpha, int level,
                     uint8_t **out, size_t *out_len) {
    annex_png_job *job = annex_png_begin(data, width, height, stride, has_alpha, level);
    if (!job) return 1;
    /* The row above the second band is read before the first band is filtered in place over it. */
    annex_png_take_boundary(job);
    for (int i = 0; i < job->n; i++) run_band(&job->bands[i]);
    return annex_png_finish(job, out, out_len);
}

int annex_zlib_compress_segments(const uint8_t *data, size_t length, const size_t *cuts, int ncuts, int level,
                                 uint8_t **out, size_t *out_len) {
    int n = ncuts + 1, rc = 0;
    segment_t *segs = calloc((size_t)n, sizeof *segs);
    if (!segs) return 1;
    size_t at = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        size_t to = i < ncuts ? cuts[i] : length;
        if (to < at || to > length) { rc = 4; break; }
        segs[i].in = data + at; segs[i].len = to - at; segs[i].last = i == n - 1;
        if (!(segs[i].slot = acquire_slot(level))) { rc = 1; break; }
        compress_segment(&segs[i]);
        rc = segs[i].rc;
        at = to;
    }
    if (rc == 0) {
        size_t zlen = zlib_length(segs, n);
        uint8_t *buf = malloc(zlen);
        if (!buf) rc = 1;
        else { write_zlib(segs, n, level, buf); *out = buf; *out_len = zlen; }
    }
    for (int i = 0; i < n; i++) if (segs[i].slot) release_slot(segs[i].slot);
    free(segs);
    return rc;
}

int annex_zlib_decompress(const uint8_t *in, size_t length, uint8_t *out, size_t capacity, size_t *out_len) {
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    if (!d) return 1;
    enum libdeflate_result r = libdeflate_zlib_decompress(d, in, length, out, capacity, out_len);
    libdeflate_free_decompressor(d);
    return r == LIBDEFLATE_SUCCESS ? 0 : (int)r + 10;
}

void annex_png_free(uint8_t *buffer) { free(buffer); }

int annex_zlib_compress(const uint8_t *data, size_t length, int level, uint8_t **out, size_t *out_len) {
    slot_t *slot = acquire_slot(level);
    if (!slot) return 1;
    size_t bound = libdeflate_zlib_compress_bound(slot->c, length);
    uint8_t *buf = malloc(bound ? bound : 1);
    if (!buf) { release_slot(slot); return 1; }
    size_t n = libdeflate_zlib_compress(slot->c, data, length, buf, bound);
    release_slot(slot);
    if (n == 0) { free(buf); return 2; }
    *out = buf;
    *out_len = n;
    return 0;
}
