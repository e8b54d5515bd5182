/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int cluster_placeholder_(void);
int cluster_placeholder_(void) { return 0; }
