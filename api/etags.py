import hashlib
import json


def etag_for(instance) -> str:
    """A strong validator over every stored field: any change to the record changes it."""
    state = json.dumps(
        {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields},
        default=str,
        sort_keys=True,
    )
    return '"' + hashlib.sha256(state.encode()).hexdigest()[:32] + '"'
