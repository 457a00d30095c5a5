#ifndef CCURL_H
#define CCURL_H
#include <curl/curl.h>
/* Typed wrappers for libcurl's variadic calls, which Swift cannot call directly. */
#endif
