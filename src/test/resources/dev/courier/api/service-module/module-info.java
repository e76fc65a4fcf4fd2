// ModuleBoundaryTest: a service module that needs nothing but Courier
module com.example.svc {
  requires dev.courier;
}
