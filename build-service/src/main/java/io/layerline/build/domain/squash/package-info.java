/** Merging the layers an image adds above its base into one, whiteouts applied, as a plan over layer entries. */
package io.layerline.build.domain.squash;
