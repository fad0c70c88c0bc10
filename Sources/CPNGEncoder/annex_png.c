#include "annex_png.h"
#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* PNG from a Cairo image surface: rows converted to RGB (or un-premultiplied RGBA), each filtered with Sub
 * or Up, whichever gives the smaller sum of absolute values (libpng's heuristic restricted to the two
 * cheap filters), compressed in one call by libdeflate, written as one IDAT chunk. No clock, no text
 * chunks: the same pixels give the same bytes. */

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

static int encode(slot_t *slot, uint8_t *data, int width, int height, int stride, int has_alpha,
                  uint8_t **out, size_t *out_len);

int annex_png_encode(uint8_t *data, int width, int height, int stride, int has_alpha, int level,
                     uint8_t **out, size_t *out_len) {
    if (width <= 0 || height <= 0) return 1;
    slot_t *slot = acquire_slot(level);
    if (!slot) return 1;
    int rc = encode(slot, data, width, height, stride, has_alpha, out, out_len);
    release_slot(slot);
    return rc;
}

static int encode(slot_t *slot, uint8_t *data, int width, int height, int stride, int has_alpha,
                  uint8_t **out, size_t *out_len) {
    const size_t bpp = has_alpha ? 4 : 3, rowlen = (size_t)width * bpp, flen = (size_t)height * (rowlen + 1);
    /* Opaque images are filtered in place, over the surface's own pixels: a filtered row (1 + 3w bytes) ends
     * before the next unread row (at 4w bytes a row) begins, so no scratch image is needed. Rows with alpha
     * (1 + 4w bytes) would overrun: they go to a scratch buffer. */
    const int in_place = rowlen + 1 <= (size_t)stride;
    if (!in_place && !reserve(&slot->filtered, &slot->filtered_cap, flen)) return 1;
    if (!reserve(&slot->rows, &slot->rows_cap, rowlen * 4)) return 1;
    uint8_t *filtered = in_place ? data : slot->filtered, *rows = slot->rows;
    uint8_t *prev = rows, *cur = rows + rowlen, *sub = rows + 2 * rowlen, *up = rows + 3 * rowlen;
    memset(prev, 0, rowlen);
    for (int y = 0; y < height; y++) {
        const uint32_t *px = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        uint8_t *o = cur;
        if (has_alpha) {
            for (int x = 0; x < width; x++) {
                uint32_t p = px[x];
                uint8_t a = (uint8_t)(p >> 24), r = (uint8_t)(p >> 16), g = (uint8_t)(p >> 8), b = (uint8_t)p;
                if (a != 0 && a != 255) {   /* un-premultiply, rounding as Cairo's own writer does */
                    r = (uint8_t)((r * 255 + a / 2) / a); g = (uint8_t)((g * 255 + a / 2) / a); b = (uint8_t)((b * 255 + a / 2) / a);
                }
                o[0] = r; o[1] = g; o[2] = b; o[3] = a; o += 4;
            }
        } else {
            to_rgb(px, o, width);
        }
        /* Row y is in `cur` now: its pixels in the surface may be overwritten. */
        uint8_t *f = filtered + (size_t)y * (rowlen + 1);
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
    size_t bound = libdeflate_zlib_compress_bound(slot->c, flen);
    if (!reserve(&slot->packed, &slot->packed_cap, bound)) return 1;
    size_t n = libdeflate_zlib_compress(slot->c, filtered, flen, slot->packed, bound);
    if (n == 0 || n > 0x7fffffff) return 2;
    uint8_t *png = malloc(8 + 25 + 12 + n + 12);
    if (!png) return 1;
    uint8_t *ihdr = png + 8, *idat = ihdr + 25;
    memcpy(idat + 8, slot->packed, n);
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    memcpy(png, signature, 8);
    put32(ihdr, 13); memcpy(ihdr + 4, "IHDR", 4);
    put32(ihdr + 8, (uint32_t)width); put32(ihdr + 12, (uint32_t)height);
    ihdr[16] = 8; ihdr[17] = has_alpha ? 6 : 2; ihdr[18] = 0; ihdr[19] = 0; ihdr[20] = 0;
    chunk_crc(ihdr, 13);
    put32(idat, (uint32_t)n); memcpy(idat + 4, "IDAT", 4);
    chunk_crc(idat, (uint32_t)n);
    uint8_t *iend = idat + 12 + n;
    put32(iend, 0); memcpy(iend + 4, "IEND", 4);
    chunk_crc(iend, 0);
    *out = png;
    *out_len = (size_t)(iend + 12 - png);
    return 0;
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
