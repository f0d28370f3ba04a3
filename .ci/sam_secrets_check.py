#!/usr/bin/env python3
"""Translates template.yaml with the SAM translator (as `sam deploy` would) and fails if any Lambda function's
configuration would carry a secret: a {{resolve:secretsmanager}} / {{resolve:ssm-secure}} reference in its
environment. Usage: AWS_DEFAULT_REGION=us-east-1 python3 .ci/sam_secrets_check.py [template.yaml]"""
import json
import os
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    def load(self):
        return {}


def main(path):
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    template = yaml_parse(open(path, encoding="utf-8").read())
    for resource in template.get("Resources", {}).values():
        # CodeUri points at local zips; the translator only wants an S3 shape.
        if resource.get("Type") == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = "s3://bucket/function.zip"
    translated = transform(template, {}, NoManagedPolicies())
    bad = []
    functions = 0
    for name, resource in translated["Resources"].items():
        if resource["Type"] != "AWS::Lambda::Function":
            continue
        functions += 1
        variables = resource["Properties"].get("Environment", {}).get("Variables", {})
        for key, value in variables.items():
            text = json.dumps(value)
            if "resolve:secretsmanager" in text or "resolve:ssm-secure" in text:
                bad.append(f"{name}.{key}")
    print(f"{functions} functions translated; secret values in their configuration: {len(bad)}")
    for item in bad:
        print("  " + item)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "template.yaml"))
