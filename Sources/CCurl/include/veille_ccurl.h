// libcurl, loaded on first use, behind typed wrappers (Swift cannot call the variadic curl_easy_setopt
// and curl_easy_getinfo). Prefix: veille_curl_. Only the Curl module imports this; loader.c opens libcurl.
//
// veille does not link libcurl: it is opened with dlopen the first time a transfer or a URL check needs
// it. Linking it costs every veille process about 11 ms of start-up (libcurl brings some 30 shared
// libraries), which the commands that never fetch (feed, extract, match, senate --batch, export,
// search…) would pay for nothing.
#ifndef VEILLE_CCURL_SHIM_H
#define VEILLE_CCURL_SHIM_H
#include <curl/curl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <string.h>

// The libcurl functions veille calls, resolved once.
typedef struct {
    int loaded;
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*free)(void *);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLU *(*url)(void);
    void (*url_cleanup)(CURLU *);
    CURLUcode (*url_get)(const CURLU *, CURLUPart, char **, unsigned int);
    CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
    curl_version_info_data *(*version_info)(CURLversion);
} veille_curl_api_t;

// The table, loaded on the first call (thread-safe; loader.c). Every other wrapper requires
// veille_curl_loaded().
const veille_curl_api_t *veille_curl_api(void);

// 1 when libcurl and every function veille needs were found, else 0 (then nothing else may be called).
static inline int veille_curl_loaded(void) { return veille_curl_api()->loaded; }

static inline CURLcode veille_curl_global_init(long flags) { return veille_curl_api()->global_init(flags); }
static inline CURL *veille_curl_easy_init(void) { return veille_curl_api()->easy_init(); }
static inline void veille_curl_easy_cleanup(CURL *h) { veille_curl_api()->easy_cleanup(h); }
static inline void veille_curl_easy_reset(CURL *h) { veille_curl_api()->easy_reset(h); }
static inline CURLcode veille_curl_easy_perform(CURL *h) { return veille_curl_api()->easy_perform(h); }
static inline const char *veille_curl_easy_strerror(CURLcode c) { return veille_curl_api()->easy_strerror(c); }
static inline void veille_curl_free(void *p) { veille_curl_api()->free(p); }
static inline struct curl_slist *veille_curl_slist_append(struct curl_slist *l, const char *s) { return veille_curl_api()->slist_append(l, s); }
static inline void veille_curl_slist_free_all(struct curl_slist *l) { veille_curl_api()->slist_free_all(l); }
static inline CURLU *veille_curl_url(void) { return veille_curl_api()->url(); }
static inline void veille_curl_url_cleanup(CURLU *u) { veille_curl_api()->url_cleanup(u); }
static inline CURLUcode veille_curl_url_get(const CURLU *u, CURLUPart what, char **part, unsigned int flags) {
    return veille_curl_api()->url_get(u, what, part, flags);
}
static inline CURLUcode veille_curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags) {
    return veille_curl_api()->url_set(u, what, part, flags);
}
static inline curl_version_info_data *veille_curl_version_info(CURLversion v) { return veille_curl_api()->version_info(v); }

typedef size_t (*veille_curl_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*veille_curl_xferinfo_cb)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                       curl_off_t ultotal, curl_off_t ulnow);
typedef curl_socket_t (*veille_curl_opensocket_cb)(void *clientp, curlsocktype purpose,
                                                   struct curl_sockaddr *address);

static inline CURLcode veille_curl_setopt_long(CURL *h, CURLoption o, long v) { return veille_curl_api()->easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return veille_curl_api()->easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return veille_curl_api()->easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return veille_curl_api()->easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return veille_curl_api()->easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_data_cb(CURL *h, CURLoption o, veille_curl_data_cb v) { return veille_curl_api()->easy_setopt(h, o, v); }
static inline CURLcode veille_curl_setopt_xferinfo_cb(CURL *h, veille_curl_xferinfo_cb v) { return veille_curl_api()->easy_setopt(h, CURLOPT_XFERINFOFUNCTION, v); }
static inline CURLcode veille_curl_setopt_opensocket_cb(CURL *h, veille_curl_opensocket_cb v) { return veille_curl_api()->easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, v); }

static inline CURLcode veille_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return veille_curl_api()->easy_getinfo(h, i, v); }
static inline CURLcode veille_curl_getinfo_string(CURL *h, CURLINFO i, char **v) { return veille_curl_api()->easy_getinfo(h, i, v); }
static inline CURLcode veille_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return veille_curl_api()->easy_getinfo(h, i, v); }
static inline CURLcode veille_curl_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return veille_curl_api()->easy_getinfo(h, i, v); }

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
