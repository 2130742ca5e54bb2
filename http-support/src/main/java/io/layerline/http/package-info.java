/** HTTP infrastructure shared by the services' APIs: guards on what reaches their controllers. */
package io.layerline.http;
