#ifndef CCURL_H
#define CCURL_H
#include <curl/curl.h>

/* Typed wrappers for libcurl's variadic calls, which Swift cannot call directly,
 * and for the few macros whose expressions Swift does not import. */

CURLcode ccurl_global_init(void);

CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/* For options that take a C string or a data pointer. */
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, const void *value);
CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
/* CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION share this callback type. */
CURLcode ccurl_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value);

/* CURLOPT_READFUNCTION: the request body, pulled as curl sends it. */
CURLcode ccurl_easy_setopt_read_callback(CURL *handle, curl_read_callback value);

CURLMcode ccurl_multi_setopt_long(CURLM *handle, CURLMoption option, long value);

/* Resumes a transfer paused by returning CCURL_WRITEFUNC_PAUSE or CCURL_READFUNC_PAUSE. */
CURLcode ccurl_easy_unpause(CURL *handle);

static const size_t CCURL_WRITEFUNC_PAUSE = CURL_WRITEFUNC_PAUSE;
static const size_t CCURL_READFUNC_PAUSE = CURL_READFUNC_PAUSE;
static const size_t CCURL_READFUNC_ABORT = CURL_READFUNC_ABORT;
static const long CCURL_PIPE_MULTIPLEX = CURLPIPE_MULTIPLEX;
static const long CCURL_HTTP_VERSION_2TLS = CURL_HTTP_VERSION_2TLS;
static const int CCURL_ERROR_SIZE = CURL_ERROR_SIZE;

#endif
