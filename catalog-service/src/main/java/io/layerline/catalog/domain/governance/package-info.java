/** The rules a platform team sets for its images — standard bases, owners, fresh bases, few layers — and their breaches. */
package io.layerline.catalog.domain.governance;
