#pragma once

#include "httpserver/asyncserver.h"
#include "httpserver/exchange.h"

namespace oc::sandbox {

// The emulators' names for the shared server (core/httpserver) and its request and reply.
using HttpCall = http::Request;
using HttpReply = http::Reply;
using SandboxHttpServer = http::AsyncServer;

} // namespace oc::sandbox
