/* The error contract shared by every module: a function that can fail
 * returns 0 (or a count) or a negative errno value, and is declared
 * _must_check_; a function that cannot fail returns void. What a scan finds
 * wrong with its input is never a return value: it is a problem in the
 * problem list (base/problems.h). Out of memory aborts (base/alloc.h xmalloc). */
#ifndef DOCKERD_SCAP_CONTRACT_H
#define DOCKERD_SCAP_CONTRACT_H

#define _must_check_ __attribute__((warn_unused_result))

#endif
