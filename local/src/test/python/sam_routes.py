"""Translates template.yaml with the SAM translator (through cfn-lint's wrapper, as `cfn-lint` itself does) and
prints, as JSON, what API Gateway would get: every HttpApi event of the template, and every route of every
generated AWS::ApiGatewayV2::Api (its OpenAPI body's paths and methods, and the Lambda permissions' source ARNs).

Usage: python3 sam_routes.py template.yaml [--summary]   (exit 3 when cfn-lint / aws-sam-translator are missing)
A route path ending in "/" is counted as one API Gateway does not hold (an HTTP API cannot have such a route).
"""
import json
import sys

try:
    from cfnlint.decode import decode
    from cfnlint.template.transforms._sam import Transform
except ImportError as e:  # the Java test skips with this message
    print(json.dumps({"missing": str(e)}))
    sys.exit(3)

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method"}


def main(path):
    template, matches = decode(path)
    if matches:
        print(json.dumps({"error": [str(m) for m in matches]}))
        return 2
    events = []
    for fid, res in template.get("Resources", {}).items():
        if res.get("Type") != "AWS::Serverless::Function":
            continue
        for name, ev in (res.get("Properties", {}).get("Events") or {}).items():
            if ev.get("Type") == "HttpApi":
                p = ev.get("Properties", {})
                events.append({"function": fid, "event": name, "method": str(p.get("Method", "ANY")).upper(),
                               "path": p.get("Path", "$default")})
    transform = Transform(path, template, "us-east-1")
    errors = transform.transform_template()
    if errors:
        print(json.dumps({"error": [str(m) for m in errors]}))
        return 2
    out = transform.template()
    routes, permissions = [], []
    for rid, res in out.get("Resources", {}).items():
        props = res.get("Properties", {})
        if res.get("Type") == "AWS::ApiGatewayV2::Api":
            for p, ops in (props.get("Body", {}).get("paths") or {}).items():
                for m in ops:
                    if m.lower() in METHODS:
                        method = "ANY" if m.lower() == "x-amazon-apigateway-any-method" else m.upper()
                        routes.append({"api": rid, "routeKey": method + " " + p})
        elif res.get("Type") == "AWS::ApiGatewayV2::Route":
            routes.append({"api": rid, "routeKey": props.get("RouteKey")})
        elif res.get("Type") == "AWS::Lambda::Permission":
            arn = props.get("SourceArn")
            if isinstance(arn, dict) and "Fn::Sub" in arn:
                arn = arn["Fn::Sub"] if isinstance(arn["Fn::Sub"], str) else arn["Fn::Sub"][0]
            permissions.append({"permission": rid, "sourceArn": arn})
    deployable = [r for r in routes if not (r["routeKey"].endswith("/") and not r["routeKey"].endswith(" /"))]
    summary = {"httpApiEvents": len(events), "routesInGeneratedApi": len(routes),
               "routesApiGatewayHolds": len(deployable)}
    if "--summary" in sys.argv:
        print(json.dumps(summary))
        return 0
    print(json.dumps({"summary": summary, "events": events, "routes": routes, "permissions": permissions}, indent=1))
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(args[0] if args else "template.yaml"))
