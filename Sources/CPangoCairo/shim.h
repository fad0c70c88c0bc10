#include <pango/pangocairo.h>
#include <hb-subset.h>
