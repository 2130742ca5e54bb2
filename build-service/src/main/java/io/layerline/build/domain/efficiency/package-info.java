/** How much of an image is dead weight: bytes that later layers overwrite or delete but that still ship. */
package io.layerline.build.domain.efficiency;
