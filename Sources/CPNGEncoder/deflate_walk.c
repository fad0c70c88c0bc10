#include "deflate_walk.h"
#include <string.h>

/* Walks a raw DEFLATE stream (RFC 1951) block by block without producing its output: every Huffman symbol is
 * decoded and its extra bits skipped, but no byte is written or copied, so a stream that inflates to megabytes
 * is walked in a fraction of a millisecond. Used to find where a whole stream from libdeflate (which cannot
 * stream) has its final block, so that the block can be made non-final and another stream appended: zlib's
 * gzjoin does the same with inflate(Z_BLOCK), which also inflates and takes ~20 times as long. */

/* A bit reader over a 64-bit buffer, refilled eight bytes at a time; bytes past the end read as zeros, and a
 * read that goes past the end is caught by the position check of the caller (position() > 8 * len). */
typedef struct {
    const uint8_t *in, *next, *end;
    uint64_t buf;
    int nbits;
} reader_t;

static inline void refill(reader_t *r) {
    if (r->end - r->next >= 8) {
        uint64_t v;
        memcpy(&v, r->next, 8);     /* little-endian machines only: see the check in the caller */
        r->buf |= v << r->nbits;
        r->next += (63 - r->nbits) >> 3;
        r->nbits |= 56;
    } else {
        while (r->nbits <= 56) {
            if (r->next < r->end) r->buf |= (uint64_t)*r->next << r->nbits;
            r->next++;
            r->nbits += 8;
        }
    }
}

static inline size_t position(const reader_t *r) { return (size_t)(r->next - r->in) * 8 - (size_t)r->nbits; }
static inline int overrun(const reader_t *r, size_t len) { return position(r) > len * 8; }
static inline uint32_t peek(reader_t *r, int n) { return (uint32_t)(r->buf & ((1ull << n) - 1)); }
static inline void skip(reader_t *r, int n) { r->buf >>= n; r->nbits -= n; }
/* At most 56 bits between refills. */
static inline uint32_t take(reader_t *r, int n) { uint32_t v = peek(r, n); skip(r, n); return v; }

#define FAST_BITS 10
#define MAX_LEN 15

/* A canonical Huffman code: a table indexed by the next FAST_BITS bits for codes that short (entry: symbol << 4 |
 * length, 0 if the code is longer), and counts and sorted symbols for the longer ones (decoded bit by bit, as
 * in zlib's puff.c). */
typedef struct {
    uint16_t fast[1 << FAST_BITS];
    uint16_t count[MAX_LEN + 1];
    uint16_t symbol[320];
} huffman_t;

static int reverse_bits(int code, int len) {
    int r = 0;
    for (int i = 0; i < len; i++) { r = (r << 1) | (code & 1); code >>= 1; }
    return r;
}

/* Builds the code from symbol lengths; returns 0 for an over-subscribed set or one with no symbols. Incomplete
 * codes (allowed for a single distance code) are accepted. */
static int build(huffman_t *h, const uint8_t *lengths, int n) {
    memset(h->count, 0, sizeof h->count);
    for (int s = 0; s < n; s++) h->count[lengths[s]]++;
    if (h->count[0] == n) return 0;
    int left = 1;
    for (int len = 1; len <= MAX_LEN; len++) {
        left <<= 1;
        left -= h->count[len];
        if (left < 0) return 0;
    }
    uint16_t offs[MAX_LEN + 2];
    offs[1] = 0;
    for (int len = 1; len <= MAX_LEN; len++) offs[len + 1] = (uint16_t)(offs[len] + h->count[len]);
    for (int s = 0; s < n; s++) if (lengths[s]) h->symbol[offs[lengths[s]]++] = (uint16_t)s;
    memset(h->fast, 0, sizeof h->fast);
    int code = 0, index = 0;
    for (int len = 1; len <= MAX_LEN; len++) {
        for (int k = 0; k < h->count[len]; k++, index++, code++) {
            if (len > FAST_BITS) continue;
            int rev = reverse_bits(code, len);
            for (int fill = rev; fill < (1 << FAST_BITS); fill += 1 << len)
                h->fast[fill] = (uint16_t)(h->symbol[index] << 4 | len);
        }
        code <<= 1;
    }
    return 1;
}

/* The next symbol, or -1 for a code the table does not hold. */
static inline int decode(reader_t *r, const huffman_t *h) {
    uint16_t e = h->fast[peek(r, FAST_BITS)];
    if (e) { skip(r, e & 15); return e >> 4; }
    int code = 0, first = 0, index = 0;
    for (int len = 1; len <= MAX_LEN; len++) {
        code |= (int)take(r, 1);
        int count = h->count[len];
        if (code - count < first) return h->symbol[index + (code - first)];
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
    }
    return -1;
}

static const uint8_t length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint8_t distance_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/* Skips the compressed symbols of one block up to and including its end-of-block code. */
static int skip_symbols(reader_t *r, size_t len, const huffman_t *lit, const huffman_t *dist) {
    for (;;) {
        refill(r);                  /* 15 + 5 + 15 + 13 bits at most for one literal or match */
        int s = decode(r, lit);
        if (s < 0 || overrun(r, len)) return 0;   /* past the end, zeros might decode as literals for ever */
        if (s < 256) continue;
        if (s == 256) return !overrun(r, len);
        s -= 257;
        if (s >= 29) return 0;
        skip(r, length_extra[s]);
        int d = decode(r, dist);
        if (d < 0 || d >= 30) return 0;
        skip(r, distance_extra[d]);
    }
}

int annex_deflate_find_final_block(const uint8_t *in, size_t len, size_t *final_bit, size_t *end_bit) {
    static const uint8_t order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    {   /* the reader assembles bits from little-endian 64-bit loads */
        const uint16_t probe = 1;
        if (*(const uint8_t *)&probe != 1) return 0;
    }
    reader_t r = {in, in, in + len, 0, 0};
    huffman_t lit, dist, lencode;
    for (;;) {
        refill(&r);
        size_t header = position(&r);
        int last = (int)take(&r, 1), type = (int)take(&r, 2);
        if (overrun(&r, len)) return 0;
        if (type == 0) {
            size_t at = (position(&r) + 7) / 8;      /* stored: LEN and NLEN from the next byte on */
            if (at + 4 > len) return 0;
            uint32_t n = (uint32_t)in[at] | (uint32_t)in[at + 1] << 8, nn = (uint32_t)in[at + 2] | (uint32_t)in[at + 3] << 8;
            if ((n ^ 0xffff) != nn || at + 4 + n > len) return 0;
            r.next = in + at + 4 + n; r.buf = 0; r.nbits = 0;
        } else if (type == 1) {
            uint8_t lengths[288 + 30];
            memset(lengths, 8, 144); memset(lengths + 144, 9, 112); memset(lengths + 256, 7, 24); memset(lengths + 280, 8, 8);
            memset(lengths + 288, 5, 30);
            if (!build(&lit, lengths, 288) || !build(&dist, lengths + 288, 30)) return 0;
            if (!skip_symbols(&r, len, &lit, &dist)) return 0;
        } else if (type == 2) {
            refill(&r);
            int nlen = (int)take(&r, 5) + 257, ndist = (int)take(&r, 5) + 1, ncode = (int)take(&r, 4) + 4;
            if (nlen > 286 || ndist > 30) return 0;
            uint8_t lengths[320] = {0};
            for (int i = 0; i < ncode; i++) {
                if (i % 8 == 0) refill(&r);
                lengths[order[i]] = (uint8_t)take(&r, 3);
            }
            if (overrun(&r, len) || !build(&lencode, lengths, 19)) return 0;
            memset(lengths, 0, sizeof lengths);
            int i = 0;
            while (i < nlen + ndist) {
                refill(&r);
                int s = decode(&r, &lencode);
                if (s < 0 || overrun(&r, len)) return 0;
                if (s < 16) { lengths[i++] = (uint8_t)s; continue; }
                int repeat, value = 0;
                if (s == 16) { if (i == 0) return 0; value = lengths[i - 1]; repeat = 3 + (int)take(&r, 2); }
                else if (s == 17) repeat = 3 + (int)take(&r, 3);
                else repeat = 11 + (int)take(&r, 7);
                if (i + repeat > nlen + ndist) return 0;
                while (repeat--) lengths[i++] = (uint8_t)value;
            }
            if (lengths[256] == 0) return 0;
            if (!build(&lit, lengths, nlen) || !build(&dist, lengths + nlen, ndist)) {
                /* A block of literals only may have no distance codes at all: allowed, as long as none is used. */
                if (!build(&lit, lengths, nlen)) return 0;
                memset(&dist, 0, sizeof dist);
            }
            if (!skip_symbols(&r, len, &lit, &dist)) return 0;
        } else {
            return 0;
        }
        if (overrun(&r, len)) return 0;
        if (last) {
            *final_bit = header;
            *end_bit = position(&r);
            return 1;
        }
    }
}
