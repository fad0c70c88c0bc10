#include "annex_png.h"
#include "deflate_walk.h"
#include <libdeflate.h>
#include <zlib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* PNG from a Cairo image surface: rows converted to RGB (or un-premultiplied RGBA), each filtered with Sub
 * or Up, whichever gives the smaller sum of absolute values (libpng's heuristic restricted to the two
 * cheap filters), compressed by libdeflate in strips of rows (drawn one by one on a small surface, or as two
 * bands of strips on two threads) joined into one zlib stream, written as one IDAT chunk. No clock, no text chunks: the same pixels give the same bytes. */

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
    size_t zlen;                        /* compressed bytes, at z (first in slot->packed) */
    const uint8_t *z;
    uint32_t adler;
    size_t final_bit, end_bit;
    int rc;
} segment_t;

static void compress_segment(segment_t *g) {
    slot_t *s = g->slot;
    size_t bound = libdeflate_deflate_compress_bound(s->c, g->len);
    if (!reserve(&s->packed, &s->packed_cap, bound)) { g->rc = 1; return; }
    g->zlen = libdeflate_deflate_compress(s->c, g->in, g->len, s->packed, bound);
    g->z = s->packed;
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

/* The zlib header libdeflate writes: deflate with a 32 KiB window, the level class, the check bits. */
static uint8_t *write_zlib_header(int level, uint8_t *out) {
    unsigned cmf = 0x78, flevel = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3, flg = flevel << 6;
    flg |= 31 - ((cmf << 8 | flg) % 31);
    *out++ = (uint8_t)cmf; *out++ = (uint8_t)flg;
    return out;
}

/* Writes one compressed segment at out (g->zlen + join_padding(g) bytes): a segment that is not the last has its
 * final-block bit cleared and is brought to a byte boundary. Returns the end. */
static uint8_t *append_segment(const segment_t *g, uint8_t *out) {
    memcpy(out, g->z, g->zlen);
    if (g->last) return out + g->zlen;
    out[g->final_bit / 8] &= (uint8_t)~(1u << (g->final_bit % 8));
    unsigned unused = (unsigned)((8 - g->end_bit % 8) % 8);
    out += g->zlen;
    if (unused) {
        out[-1] &= (uint8_t)((1u << (8 - unused)) - 1);  /* the stored block's header bits are zeros */
        if (unused < 3) *out++ = 0;
        *out++ = 0; *out++ = 0; *out++ = 0xff; *out++ = 0xff;
    }
    return out;
}

/* Writes the zlib stream (header, joined segments, Adler-32) at out; zlib_length(g, n) bytes. */
static void write_zlib(const segment_t *g, int n, int level, uint8_t *out) {
    out = write_zlib_header(level, out);
    uLong adler = 1;
    for (int i = 0; i < n; i++) {
        out = append_segment(&g[i], out);
        adler = i == 0 ? g[i].adler : adler32_combine(adler, g[i].adler, (z_off_t)g[i].len);
    }
    put32(out, (uint32_t)adler);
}

/* ---- PNG ---- */

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

/* Filters `count` rows of pixels (the first at `data`, image row y0) into `filtered`, each row's filter byte
 * first. slot->rows holds the converted row above y0 when y0 > 0, and holds the last row given on return. */
static void filter_rows(slot_t *slot, const uint8_t *data, int stride, int width, int has_alpha, int y0, int count,
                        uint8_t *filtered) {
    const size_t bpp = has_alpha ? 4 : 3, rowlen = (size_t)width * bpp;
    /* Opaque images are filtered in place, over the band's own pixels: a filtered row (1 + 3w bytes) ends
     * before the next unread row (at 4w bytes a row) begins, so no scratch image is needed. Rows with alpha
     * (1 + 4w bytes) would overrun: they go to a scratch buffer. */
    uint8_t *rows = slot->rows;
    uint8_t *prev = rows, *cur = rows + rowlen, *up = rows + 2 * rowlen;
    if (y0 == 0) memset(prev, 0, rowlen);
    for (int i = 0; i < count; i++) {
        const int y = y0 + i;
        convert_row((const uint32_t *)(data + (size_t)i * (size_t)stride), cur, width, has_alpha);
        /* Row y is in `cur` now: its pixels in the surface may be overwritten. */
        uint8_t *f = filtered + (size_t)i * (rowlen + 1);
        if (y > 0 && memcmp(cur, prev, rowlen) == 0) {
            /* The same row again (most of a chart's background): Up makes it all zeros. */
            f[0] = 2; memset(f + 1, 0, rowlen);
        } else {
            /* Sub straight into the output; Up beside it, copied over only when it sums smaller. */
            uint8_t *fs = f + 1;
            for (size_t k = 0; k < bpp; k++) fs[k] = cur[k];
            for (size_t k = bpp; k < rowlen; k++) fs[k] = (uint8_t)(cur[k] - cur[k - bpp]);
            f[0] = 1;
            if (y > 0) {
                for (size_t k = 0; k < rowlen; k++) up[k] = (uint8_t)(cur[k] - prev[k]);
                if (sum_abs(up, rowlen) <= sum_abs(fs, rowlen)) { f[0] = 2; memcpy(fs, up, rowlen); }
            }
        }
        uint8_t *t = prev; prev = cur; cur = t;
    }
    if (prev != rows) memcpy(rows, prev, rowlen);   /* the last row, above the next strip's first */
}

/* The image's rows are cut into strips, fixed by its height and row length alone; each strip is filtered and
 * compressed as one segment of the stream. A caller may draw the image strip by strip on one small surface
 * (annex_png_encode_strip), or draw it whole and encode it in two bands of strips, on two threads or one
 * (annex_png_encode_band): the same segments, so the same bytes. */

typedef struct {
    uint8_t *data; int stride;          /* band mode: the whole image */
    slot_t *slot;                       /* the band's compressor and rows */
    int s0, s1;                         /* its strips */
} band_t;

struct annex_png_job {
    int width, height, has_alpha, level, rc;
    int strip_rows, n;                  /* rows of a strip (the last may have fewer), number of strips */
    segment_t *segs;                    /* one per strip, its compressed bytes in zs[k] */
    uint8_t **zs;
    int bands; band_t band[2];
    int next;                           /* strip mode: the next strip to encode */
};

/* About STRIP_BYTES of pixels a strip and an even number of strips (two bands of equal work), none under
 * MIN_STRIP_ROWS rows; an image under 2 × MIN_STRIP_ROWS rows is one strip. */
#define STRIP_BYTES ((size_t)2 << 20)
#define MIN_STRIP_ROWS 32

static int strip_count(int height, int stride) {
    if (height < 2 * MIN_STRIP_ROWS) return 1;
    const size_t bytes = (size_t)height * (size_t)stride;
    size_t n = 2 * ((bytes + 2 * STRIP_BYTES - 1) / (2 * STRIP_BYTES));
    const size_t most = ((size_t)height / MIN_STRIP_ROWS) & ~(size_t)1;
    if (n > most) n = most;
    return n < 2 ? 2 : (int)n;
}

int annex_png_strip_rows(int height, int stride) {
    const int n = strip_count(height, stride);
    return (height + n - 1) / n;
}

static int strip_top(const annex_png_job *job, int k) { return k * job->strip_rows; }
static int strip_end(const annex_png_job *job, int k) {
    const int e = (k + 1) * job->strip_rows;
    return e < job->height ? e : job->height;
}

annex_png_job *annex_png_begin(uint8_t *data, int width, int height, int stride, int has_alpha, int level) {
    if (width <= 0 || height <= 0 || stride < 4 * width) return NULL;
    annex_png_job *job = calloc(1, sizeof *job);
    if (!job) return NULL;
    job->width = width; job->height = height; job->has_alpha = has_alpha; job->level = level;
    job->strip_rows = annex_png_strip_rows(height, stride);
    job->n = (height + job->strip_rows - 1) / job->strip_rows;
    job->segs = calloc((size_t)job->n, sizeof *job->segs);
    job->zs = calloc((size_t)job->n, sizeof *job->zs);
    if (!job->segs || !job->zs) { annex_png_abandon(job); return NULL; }
    for (int k = 0; k < job->n; k++) job->segs[k].last = k == job->n - 1;
    const size_t rowlen = (size_t)width * (has_alpha ? 4 : 3);
    /* Strip mode (no pixels given) encodes every strip with band 0's slot. */
    job->bands = data && job->n >= 2 ? 2 : 1;
    for (int b = 0; b < job->bands; b++) {
        band_t *band = &job->band[b];
        band->data = data; band->stride = stride;
        band->s0 = b == 0 ? 0 : job->n / 2;
        band->s1 = b == job->bands - 1 ? job->n : job->n / 2;
        if (!(band->slot = acquire_slot(level)) || !reserve(&band->slot->rows, &band->slot->rows_cap, rowlen * 3)) {
            annex_png_abandon(job);
            return NULL;
        }
    }
    return job;
}

int annex_png_bands(const annex_png_job *job) { return job->bands; }
int annex_png_band_top(const annex_png_job *job, int band) { return strip_top(job, job->band[band].s0); }

/* Filters the rows of strip k (at `data`, `stride` bytes apart) with `slot`, whose rows hold the row above the
 * strip, compresses them and keeps the compressed bytes. */
static int encode_strip(annex_png_job *job, slot_t *slot, int k, uint8_t *data, int stride) {
    const int y0 = strip_top(job, k), count = strip_end(job, k) - y0;
    const size_t rowlen = (size_t)job->width * (job->has_alpha ? 4 : 3), flen = (size_t)count * (rowlen + 1);
    const int in_place = rowlen + 1 <= (size_t)stride;
    if (!in_place && !reserve(&slot->filtered, &slot->filtered_cap, flen)) return 1;
    uint8_t *filtered = in_place ? data : slot->filtered;
    filter_rows(slot, data, stride, job->width, job->has_alpha, y0, count, filtered);
    segment_t *g = &job->segs[k];
    g->slot = slot; g->in = filtered; g->len = flen;
    compress_segment(g);
    g->slot = NULL; g->in = NULL;
    if (g->rc) return g->rc;
    if (!(job->zs[k] = malloc(g->zlen ? g->zlen : 1))) return 1;
    memcpy(job->zs[k], slot->packed, g->zlen);
    g->z = job->zs[k];
    return 0;
}

void annex_png_take_boundary(annex_png_job *job) {
    if (job->bands < 2) return;
    band_t *b = &job->band[1];
    convert_row((const uint32_t *)(b->data + (size_t)(strip_top(job, b->s0) - 1) * (size_t)b->stride), b->slot->rows,
                job->width, job->has_alpha);
}

void annex_png_encode_band(annex_png_job *job, int band) {
    band_t *b = &job->band[band];
    for (int k = b->s0; k < b->s1; k++) {
        const int rc = encode_strip(job, b->slot, k, b->data + (size_t)strip_top(job, k) * (size_t)b->stride, b->stride);
        if (rc) { job->segs[k].rc = rc; return; }
    }
}

int annex_png_encode_strip(annex_png_job *job, int top, uint8_t *data, int stride, int rows) {
    if (job->rc) return job->rc;
    const int k = job->next;
    if (job->band[0].data || k >= job->n || top != strip_top(job, k) || rows != strip_end(job, k) - top
        || stride < 4 * job->width) return job->rc = 4;
    const int rc = encode_strip(job, job->band[0].slot, k, data, stride);
    if (rc) return job->rc = rc;
    job->next = k + 1;
    return 0;
}

void annex_png_abandon(annex_png_job *job) {
    if (!job) return;
    for (int b = 0; b < 2; b++) if (job->band[b].slot) release_slot(job->band[b].slot);
    if (job->zs) for (int k = 0; k < job->n; k++) free(job->zs[k]);
    free(job->zs);
    free(job->segs);
    free(job);
}

int annex_png_finish(annex_png_job *job, uint8_t **out, size_t *out_len) {
    int rc = job->rc;
    const int n = job->n;
    for (int k = 0; k < n && rc == 0; k++) {
        if (job->segs[k].rc) rc = job->segs[k].rc;
        else if (!job->zs[k]) rc = 4;      /* a strip never encoded */
    }
    if (rc == 0) {
        const size_t zlen = zlib_length(job->segs, n);
        uint8_t *png = zlen > 0x7fffffff ? NULL : malloc(8 + 25 + 12 + zlen + 12);
        if (!png) rc = zlen > 0x7fffffff ? 2 : 1;
        else {
            uint8_t *ihdr = png + 8, *idat = ihdr + 25;
            write_zlib(job->segs, n, job->level, idat + 8);
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
    if (!data) return 1;
    annex_png_job *job = annex_png_begin(data, width, height, stride, has_alpha, level);
    if (!job) return 1;
    /* The row above the second band is read before the first band is filtered in place over it. */
    annex_png_take_boundary(job);
    for (int b = 0; b < job->bands; b++) annex_png_encode_band(job, b);
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
