#include <cblas.h>
/* OpenBLAS extensions used to pin the thread count (see docs/BENCHMARKS.md). */
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_corename(void);
