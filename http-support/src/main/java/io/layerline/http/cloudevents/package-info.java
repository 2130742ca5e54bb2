/** CloudEvents over HTTP, read one way for every ingress: binary mode, structured mode, or a plain JSON body. */
package io.layerline.http.cloudevents;
