/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int dockerd_args_placeholder_(void);
int dockerd_args_placeholder_(void) { return 0; }
