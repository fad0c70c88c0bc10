#include "annex_png.h"
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct { uint8_t *data; size_t len, cap; int failed; } sink_t;

static void sink_write(png_structp png, png_bytep bytes, png_size_t n) {
    sink_t *s = (sink_t *)png_get_io_ptr(png);
    if (s->failed) return;
    if (s->len + n > s->cap) {
        size_t cap = s->cap ? s->cap : 65536;
        while (cap < s->len + n) cap *= 2;
        uint8_t *d = realloc(s->data, cap);
        if (!d) { s->failed = 1; return; }
        s->data = d; s->cap = cap;
    }
    memcpy(s->data + s->len, bytes, n);
    s->len += n;
}

static void sink_flush(png_structp png) { (void)png; }

int annex_png_encode(const uint8_t *data, int width, int height, int stride, int has_alpha,
                     int level, int filters, int strategy, uint8_t **out, size_t *out_len) {
    sink_t sink = {0};
    uint8_t * volatile row = NULL;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (!png) return 1;
    png_infop info = png_create_info_struct(png);
    if (!info) { png_destroy_write_struct(&png, NULL); return 1; }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(sink.data); free((void *)row);
        return 2;
    }
    png_set_write_fn(png, &sink, sink_write, sink_flush);
    png_set_compression_level(png, level);
    png_set_compression_strategy(png, strategy);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
                 has_alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, info);
    row = malloc((size_t)width * 4);
    if (!row) png_error(png, "out of memory");
    for (int y = 0; y < height; y++) {
        const uint32_t *px = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        uint8_t *o = (uint8_t *)row;
        if (has_alpha) {
            for (int x = 0; x < width; x++) {
                uint32_t p = px[x];
                uint8_t a = (uint8_t)(p >> 24);
                uint8_t r = (uint8_t)(p >> 16), g = (uint8_t)(p >> 8), b = (uint8_t)p;
                if (a != 0 && a != 255) {   /* un-premultiply, rounding as Cairo's own writer does */
                    r = (uint8_t)((r * 255 + a / 2) / a); g = (uint8_t)((g * 255 + a / 2) / a); b = (uint8_t)((b * 255 + a / 2) / a);
                }
                o[0] = r; o[1] = g; o[2] = b; o[3] = a; o += 4;
            }
        } else {
            for (int x = 0; x < width; x++) {
                uint32_t p = px[x];
                o[0] = (uint8_t)(p >> 16); o[1] = (uint8_t)(p >> 8); o[2] = (uint8_t)p; o += 3;
            }
        }
        png_write_row(png, (png_bytep)row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free((void *)row);
    if (sink.failed) { free(sink.data); return 3; }
    *out = sink.data;
    *out_len = sink.len;
    return 0;
}

void annex_png_free(uint8_t *buffer) { free(buffer); }
