/** The one-command run of the whole suite on one machine. */
package io.layerline.launcher;
