# Independent check (numpy/scikit-learn) of which half-life validates best on the synthetic snapshots; see RESULTS.md.
# Run in the folder holding ev.csv and ev.events.csv (leadscore synth --events 50000 ev.csv --seed 1).
# Empirical check: on weekly snapshots with a 7-day label, does the true half-life validate better than half of it?
import csv, datetime, numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
f=lambda s: datetime.datetime.fromisoformat(s.replace('Z','+00:00')).timestamp()
leads=list(csv.DictReader(open('ev.csv')))[:20000]
idx={r['lead_id']:i for i,r in enumerate(leads)}
ev={}
for r in csv.DictReader(open('ev.events.csv')):
    i=idx.get(r['lead_id'])
    if i is None: continue
    ev.setdefault(i,[]).append((r['event'],f(r['timestamp'])))
types=['page_view','email_click','pricing_page','webinar','demo_request']
truth={'page_view':(3,4),'email_click':(7,3),'pricing_page':(14,3),'webinar':(30,2),'demo_request':(60,2)}
end=max(f(r['closed_at'] or r['converted_at'] or r['created_at']) for r in leads)
rows=[]
for i,r in enumerate(leads):
    c=f(r['created_at']); conv=f(r['converted_at']) if r['converted']=='1' else None
    stop = conv if conv else (f(r['closed_at']) if r['closed_at'] else end)
    t=c
    while t<stop:
        if r['converted']=='' and t+7*86400>end: break
        rows.append((i,t, 1 if conv and conv<=t+7*86400 else 0)); t+=7*86400
print(len(rows))
def feats(scale):
    X=np.zeros((len(rows),5))
    for n,(i,t,_) in enumerate(rows):
        for (e,ts) in ev.get(i,[]):
            if ts<t:
                k=types.index(e); hl=truth[e][0]*scale
                X[n,k]+=2**(-(t-ts)/86400/hl)
    for k,e in enumerate(types): X[:,k]=np.minimum(X[:,k],truth[e][1])
    return X
y=np.array([r[2] for r in rows]); split=int(len(rows)*0.7)
for scale in [0.35,0.5,0.7,1.0,1.4,2.0]:
    X=feats(scale)
    m=LogisticRegression(C=1e4,max_iter=1000).fit(X[:split],y[:split])
    p=m.predict_proba(X[split:])[:,1]
    print(scale, round(log_loss(y[split:],p),6), np.round(m.coef_[0],3))
