// ModuleBoundaryTest: the starter's service as a module, as README shows it ("A service on the module path")
module com.example.starter {
  requires dev.courier;
  provides dev.courier.CourierService with com.example.starter.HelloService;
  opens com.example.starter to dev.courier, com.fasterxml.jackson.databind; // task methods, models
  opens openapi;                                                            // the contract, a resource
}
