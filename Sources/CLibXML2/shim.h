/* libxml2's SAX2 parser. Its encoding header would pull in ICU's headers, which clash with the ICU module
 * Foundation ships: the declarations used here (the SAX handler and xmlSAXUserParseMemory) do not need them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
