/** The test harness: real servers shared per test JVM, and clients that read and write the event backbone. */
package io.layerline.testing;
