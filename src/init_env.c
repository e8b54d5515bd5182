/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int init_env_placeholder_(void);
int init_env_placeholder_(void) { return 0; }
