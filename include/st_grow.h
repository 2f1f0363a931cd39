/*
 * st_grow — growing a malloc'd array by doubling.
 */
#ifndef ST_GROW_H
#define ST_GROW_H

#include <stddef.h>

/* Make the array at *p (of *cap elements of `size` bytes, NULL when *cap is
 * 0) hold at least `need` elements, doubling from 16.  Returns 0, or -1
 * when out of memory (the array is left as it was). */
int st_grow(void *p, size_t *cap, size_t need, size_t size);

#endif
