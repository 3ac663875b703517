// Opens libcurl on first use and resolves the functions veille calls (see include/veille_ccurl.h).
#include "veille_ccurl.h"
#include <dlfcn.h>
#include <pthread.h>

static veille_curl_api_t table;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
#define LOAD(field, name) \
    *(void **)(&table.field) = dlsym(lib, name); \
    if (!table.field) return;
    LOAD(global_init, "curl_global_init")
    LOAD(easy_init, "curl_easy_init")
    LOAD(easy_cleanup, "curl_easy_cleanup")
    LOAD(easy_reset, "curl_easy_reset")
    LOAD(easy_perform, "curl_easy_perform")
    LOAD(easy_strerror, "curl_easy_strerror")
    LOAD(easy_setopt, "curl_easy_setopt")
    LOAD(easy_getinfo, "curl_easy_getinfo")
    LOAD(free, "curl_free")
    LOAD(slist_append, "curl_slist_append")
    LOAD(slist_free_all, "curl_slist_free_all")
    LOAD(url, "curl_url")
    LOAD(url_cleanup, "curl_url_cleanup")
    LOAD(url_get, "curl_url_get")
    LOAD(url_set, "curl_url_set")
    LOAD(version_info, "curl_version_info")
#undef LOAD
    table.loaded = 1;
}

const veille_curl_api_t *veille_curl_api(void) {
    pthread_once(&once, load);
    return &table;
}
