#ifndef ANNEX_DEFLATE_WALK_H
#define ANNEX_DEFLATE_WALK_H
#include <stddef.h>
#include <stdint.h>

/// Walks the raw DEFLATE stream `in` (RFC 1951) and finds its final block: on success returns 1 and sets
/// *final_bit to the bit offset of that block's header (its BFINAL bit) and *end_bit to the offset just past its
/// end-of-block code (bits counted from the least significant bit of in[0]). Returns 0 for a stream that is
/// malformed or ends early.
int annex_deflate_find_final_block(const uint8_t *in, size_t len, size_t *final_bit, size_t *end_bit);

#endif
