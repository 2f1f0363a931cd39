/*
 * st_test.h — what every cmocka test program includes.
 */
#ifndef ST_TEST_H
#define ST_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#endif
