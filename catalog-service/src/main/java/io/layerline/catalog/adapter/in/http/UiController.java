package io.layerline.catalog.adapter.in.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;

/** The web page lives under {@code /ui/}; the service's root leads there. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
class UiController {

    private static final URI PAGE = URI.create("/ui/index.html");

    @Get
    HttpResponse<?> root() {
        return HttpResponse.seeOther(PAGE);
    }

    @Get("/ui")
    HttpResponse<?> ui() {
        return HttpResponse.seeOther(PAGE);
    }
}
