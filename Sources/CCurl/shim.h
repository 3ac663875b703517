// Typed wrappers around libcurl's variadic calls (curl_easy_setopt, curl_easy_getinfo), so that Swift
// can call them. Prefix: veille_curl_. Only the Curl module imports this.
#ifndef VEILLE_CCURL_SHIM_H
#define VEILLE_CCURL_SHIM_H
#include <curl/curl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <string.h>

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

/// Copies the IP address an opensocket callback is about to connect to into `out` (network byte order)
/// and its port into `*port` (host order). Returns 4 (IPv4), 16 (IPv6), or 0 for any other family.
static inline int veille_curl_sockaddr_ip(const struct curl_sockaddr *a, unsigned char out[16], unsigned int *port) {
    if (a->family == AF_INET && a->addrlen >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *s = (const struct sockaddr_in *)(const void *)&a->addr;
        memcpy(out, &s->sin_addr, 4);
        *port = ntohs(s->sin_port);
        return 4;
    }
    if (a->family == AF_INET6 && a->addrlen >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *s = (const struct sockaddr_in6 *)(const void *)&a->addr;
        memcpy(out, &s->sin6_addr, 16);
        *port = ntohs(s->sin6_port);
        return 16;
    }
    return 0;
}

/// The option-number base of each curl option type, so Swift can check a value's type before setopt.
static inline long veille_curlopttype_objectpoint(void) { return CURLOPTTYPE_OBJECTPOINT; }
static inline long veille_curlopttype_functionpoint(void) { return CURLOPTTYPE_FUNCTIONPOINT; }
static inline long veille_curlopttype_off_t(void) { return CURLOPTTYPE_OFF_T; }

#endif
