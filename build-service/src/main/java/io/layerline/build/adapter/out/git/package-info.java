/** Git repositories, through the git command. */
package io.layerline.build.adapter.out.git;
