/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int env_file_placeholder_(void);
int env_file_placeholder_(void) { return 0; }
