// Typed wrappers around libcurl's variadic calls (curl_easy_setopt, curl_easy_getinfo), so that Swift
// can call them. Prefix: veille_curl_. Only the Curl module imports this.
#ifndef VEILLE_CCURL_SHIM_H
#define VEILLE_CCURL_SHIM_H
#include <curl/curl.h>
#include <sys/socket.h>
#include <netinet/in.h>

typedef size_t (*veille_curl_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*veille_curl_xferinfo_cb)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                       curl_off_t ultotal, curl_off_t ulnow);
typedef curl_socket_t (*veille_curl_opensocket_cb)(void *clientp, curlsocktype purpose,
                                                   struct curl_sockaddr *address);

static inline CURLcode veille_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_data_cb(CURL *h, CURLoption o, veille_curl_data_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_xferinfo_cb(CURL *h, veille_curl_xferinfo_cb v) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, v); }
static inline CURLcode veille_curl_setopt_opensocket_cb(CURL *h, veille_curl_opensocket_cb v) { return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, v); }

static inline CURLcode veille_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode veille_curl_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode veille_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode veille_curl_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }

/// The default socket opener, for an opensocket callback that accepted the address.
static inline curl_socket_t veille_curl_open_socket(struct curl_sockaddr *a) {
    return socket(a->family, a->socktype, a->protocol);
}
static inline curl_socket_t veille_curl_socket_bad(void) { return CURL_SOCKET_BAD; }

#endif
