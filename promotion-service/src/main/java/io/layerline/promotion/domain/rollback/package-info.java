/** What a service can roll back to. */
package io.layerline.promotion.domain.rollback;
